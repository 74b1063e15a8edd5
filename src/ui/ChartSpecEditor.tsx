import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';
import { readChartSpec, type ChartSpec } from '../workbook';

const APPLY_DELAY_MS = 400;

/**
 * The chart's Vega-Lite spec as JSON. What is typed applies once it reads as a spec (checked by
 * readChartSpec); until then the error says what is wrong and the chart keeps its last spec. A
 * change from the form replaces the text unless it is the text being typed.
 */
export function ChartSpecEditor({ spec, onChange }: { spec: ChartSpec; onChange(spec: ChartSpec): void }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const typed = useRef<string | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    view.current = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: JSON.stringify(spec, null, 2),
        extensions: [
          lineNumbers(),
          history(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle),
          json(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged || !update.transactions.some((t) => t.isUserEvent('input') || t.isUserEvent('delete') || t.isUserEvent('undo') || t.isUserEvent('redo'))) return;
            const text = update.state.doc.toString();
            typed.current = text;
            clearTimeout(timer);
            timer = setTimeout(() => {
              try {
                const next = readChartSpec(text);
                setProblem(undefined);
                onChangeRef.current(next);
              } catch (e) {
                setProblem((e as Error).message);
              }
            }, APPLY_DELAY_MS);
          }),
          EditorView.contentAttributes.of({ 'data-testid': 'chart-spec-editor', 'aria-label': 'Vega-Lite spec' }),
        ],
      }),
    });
    return () => {
      clearTimeout(timer);
      view.current?.destroy();
    };
    // Made once; the spec reaches it through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    // The spec the typed text produced: leave the text (and its cursor) as typed.
    if (typed.current !== null && sameSpec(typed.current, spec)) return;
    typed.current = null;
    const text = JSON.stringify(spec, null, 2);
    if (v.state.doc.toString() !== text) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
    setProblem(undefined);
  }, [spec]);

  return (
    <div className="chart-spec">
      <div className="chart-spec-editor" ref={host} />
      {problem && (
        <p className="chart-spec-error" data-testid="chart-spec-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

function sameSpec(text: string, spec: ChartSpec): boolean {
  try {
    return JSON.stringify(readChartSpec(text)) === JSON.stringify(spec);
  } catch {
    return false;
  }
}
