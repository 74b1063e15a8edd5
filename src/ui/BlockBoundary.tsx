import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Keeps a block's rendering bug on that block: the rest of the workbook stays usable. */
export class BlockBoundary extends Component<{ name: string; children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`Block ${this.props.name} failed to render`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <section className="block status-error" data-testid="block" data-block-name={this.props.name}>
        <div className="block-error" data-testid="block-error">
          This block could not be shown: {this.state.error.message}
        </div>
      </section>
    );
  }
}
