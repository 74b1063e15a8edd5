import {
  acceptCompletion,
  autocompletion,
  closeCompletion,
  completionStatus,
  type Completion,
  type CompletionSource,
} from '@codemirror/autocomplete';
import { history, historyKeymap, defaultKeymap } from '@codemirror/commands';
import { Annotation, EditorState, Prec, StateEffect, StateField, Transaction, type Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  ViewPlugin,
  keymap,
  placeholder as placeholderText,
  showTooltip,
  type DecorationSet,
  type Tooltip,
  type ViewUpdate,
} from '@codemirror/view';
import { useEffect, useRef, type RefObject } from 'react';
import {
  completeAt,
  highlightSpans,
  signatureAt,
  signatureParts,
  type CompletionContext,
  type CompletionOption,
} from '../workbook/formula/complete';
import type { FunctionSpec } from '../workbook/formula/catalog';
import './formula-editor.css';

interface FormulaEditorProps {
  value: string;
  onCommit(text: string): void;
  onCancel?(): void;
  onChange?(text: string): void;
  /** What the formula may refer to, for autocomplete. */
  context: CompletionContext;
  placeholder?: string;
  autoFocus?: boolean;
  /** data-testid on the editable element; default `formula-input`. */
  testId?: string;
  ariaLabel?: string;
  /** Where the formula's error is, underlined. */
  errorSpan?: { start: number; end: number };
}

interface Callbacks {
  onCommit(text: string): void;
  onCancel?(): void;
  onChange?(text: string): void;
}

/** Marks the editor's own replacement of its text by a new `value`, which is not an edit. */
const fromProps = Annotation.define<boolean>();

/**
 * The formula bar's editor: one line of CodeMirror with formula colouring, completion of
 * functions, columns, tables and named cells, and signature help. Enter commits (or accepts the
 * open completion), Escape cancels, leaving commits a changed formula.
 */
export function FormulaEditor(props: FormulaEditorProps) {
  const { value, context, placeholder, autoFocus, testId = 'formula-input', ariaLabel = 'Formula', errorSpan } = props;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef<Callbacks>(props);
  callbacks.current = props;
  const contextRef = useRef(context);
  contextRef.current = context;
  /** The text as last committed or given: Escape goes back to it, leaving commits only a change from it. */
  const baseline = useRef(value);

  useEffect(() => {
    const commit = (v: EditorView) => {
      const text = v.state.doc.toString();
      baseline.current = text;
      callbacks.current.onCommit(text);
      return true;
    };
    const cancel = (v: EditorView) => {
      if (v.state.doc.toString() !== baseline.current) {
        v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: baseline.current }, selection: { anchor: baseline.current.length } });
      }
      callbacks.current.onCancel?.();
      return true;
    };
    const keys = keymap.of([
      { key: 'Enter', run: (v) => (completionStatus(v.state) === 'active' && acceptCompletion(v)) || commit(v) },
      { key: 'Shift-Enter', run: commit },
      { key: 'Mod-Enter', run: commit },
      { key: 'Tab', run: (v) => completionStatus(v.state) === 'active' && acceptCompletion(v) },
      { key: 'Escape', run: (v) => (completionStatus(v.state) === 'active' ? closeCompletion(v) : cancel(v)) },
    ]);
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          Prec.highest(keys),
          singleLine,
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          autocompletion({ override: [formulaCompletions(contextRef)], interactionDelay: 0, activateOnTyping: true }),
          formulaHighlighter,
          signatureHelp,
          errorUnderline,
          placeholder ? placeholderText(placeholder) : [],
          EditorView.contentAttributes.of({ 'data-testid': testId, 'aria-label': ariaLabel, 'aria-multiline': 'false' }),
          EditorView.updateListener.of((update) => {
            const external = update.transactions.some((tr) => tr.annotation(fromProps));
            if (update.docChanged && !external) callbacks.current.onChange?.(update.state.doc.toString());
          }),
          EditorView.domEventHandlers({
            blur: (_event, v) => {
              if (v.state.doc.toString() !== baseline.current) commit(v);
            },
          }),
        ],
      }),
    });
    view.current = v;
    if (autoFocus) {
      v.focus();
      v.dispatch({ selection: { anchor: v.state.doc.length } });
    }
    return () => {
      view.current = null;
      v.destroy();
    };
    // The editor is made once; later props reach it through refs and the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    // A value equal to the text is the parent echoing an edit back, not a new formula.
    if (!v || v.state.doc.toString() === value) return;
    baseline.current = value;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value }, annotations: fromProps.of(true) });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: setErrorSpan.of(errorSpan ?? null) });
  }, [errorSpan?.start, errorSpan?.end]); // eslint-disable-line react-hooks/exhaustive-deps

  return <div className="formula-editor" ref={host} />;
}

/** Keeps the text on one line: a pasted or typed line break becomes a space. */
const singleLine: Extension = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || tr.newDoc.lines === 1) return tr;
  const changes: { from: number; to: number; insert: string }[] = [];
  tr.changes.iterChanges((from, to, _fromB, _toB, inserted) => {
    changes.push({ from, to, insert: inserted.toString().replace(/\n/g, ' ') });
  });
  // Same lengths, so the new selection still fits.
  return { changes, selection: tr.selection, effects: tr.effects, scrollIntoView: tr.scrollIntoView, annotations: userEventOf(tr) };
});

function userEventOf(tr: Transaction) {
  const event = tr.annotation(Transaction.userEvent);
  return event === undefined ? [] : [Transaction.userEvent.of(event)];
}

const COMPLETION_TYPES: Record<CompletionOption['kind'], string> = {
  function: 'function',
  column: 'property',
  table: 'class',
  cell: 'variable',
};

/** Completion from completeAt, in its order (filter: false keeps CodeMirror from re-sorting). */
function formulaCompletions(context: RefObject<CompletionContext>): CompletionSource {
  return (cm) => {
    const found = completeAt(cm.state.doc.toString(), cm.pos, context.current, { explicit: cm.explicit });
    if (!found) return null;
    const options = found.options.map(
      (o): Completion => ({ label: o.label, apply: o.apply, type: COMPLETION_TYPES[o.kind], detail: o.detail, info: o.info }),
    );
    return { from: found.from, to: found.to, options, filter: false };
  };
}

/** Colours the formula's tokens; the whole line is re-read on each change (it is short). */
const formulaHighlighter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = highlight(view.state.doc.toString());
    }
    update(update: ViewUpdate) {
      if (update.docChanged) this.decorations = highlight(update.state.doc.toString());
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

function highlight(text: string): DecorationSet {
  if (!text.startsWith('=')) return Decoration.none; // a typed value, not a formula
  return Decoration.set(
    highlightSpans(text).map((s) => Decoration.mark({ class: `cm-fx-${s.kind}` }).range(s.from, s.to)),
    true,
  );
}

const setFocused = StateEffect.define<boolean>();

interface SignatureState {
  focused: boolean;
  tooltip: Tooltip | null;
}

/** The signature of the call the cursor is in, above the cursor, while the editor has focus. */
const signatureField = StateField.define<SignatureState>({
  create: () => ({ focused: false, tooltip: null }),
  update(value, tr) {
    let focused = value.focused;
    for (const e of tr.effects) if (e.is(setFocused)) focused = e.value;
    if (focused === value.focused && !tr.docChanged && !tr.selection) return value;
    return { focused, tooltip: focused ? signatureTooltip(tr.state) : null };
  },
  provide: (field) => showTooltip.from(field, (value) => value.tooltip),
});

// DOM events rather than focusChangeEffect: CodeMirror drops that effect when another transaction
// comes first (as the errorSpan effect does right after an autoFocus).
const signatureHelp: Extension = [
  signatureField,
  EditorView.domEventHandlers({
    focus: (_event, view) => view.dispatch({ effects: setFocused.of(true) }),
    blur: (_event, view) => view.dispatch({ effects: setFocused.of(false) }),
  }),
];

function signatureTooltip(state: EditorState): Tooltip | null {
  const pos = state.selection.main.head;
  const text = state.doc.toString();
  const help = text.startsWith('=') ? signatureAt(text, pos) : null;
  if (!help) return null;
  return { pos, above: true, arrow: false, create: () => ({ dom: signatureDom(help.spec, help.argIndex) }) };
}

function signatureDom(spec: FunctionSpec, argIndex: number): HTMLElement {
  const dom = document.createElement('div');
  dom.className = 'cm-signature-help';
  dom.setAttribute('data-testid', 'signature-help');
  const line = dom.appendChild(document.createElement('div'));
  line.className = 'cm-signature-text';
  for (const part of signatureParts(spec, argIndex)) {
    const el = document.createElement(part.current ? 'b' : 'span');
    if (part.current) el.className = 'cm-signature-current';
    el.textContent = part.text;
    line.append(el);
  }
  const summary = dom.appendChild(document.createElement('div'));
  summary.className = 'cm-signature-summary';
  summary.textContent = spec.summary;
  return dom;
}

const setErrorSpan = StateEffect.define<{ start: number; end: number } | null>();

/** Underlines the error's place; edits move it along, a new errorSpan replaces it. */
const errorUnderline = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    let next = deco.map(tr.changes);
    for (const e of tr.effects) if (e.is(setErrorSpan)) next = errorDecoration(e.value, tr.state.doc.length);
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

function errorDecoration(span: { start: number; end: number } | null, length: number): DecorationSet {
  if (!span || length === 0) return Decoration.none;
  // An empty span (as at the end of an unfinished formula) underlines the character before it.
  let start = Math.max(0, Math.min(span.start, length));
  let end = Math.max(start, Math.min(span.end, length));
  if (end === start) {
    if (end < length) end++;
    else start--;
  }
  return Decoration.set([Decoration.mark({ class: 'cm-fx-error-span' }).range(start, end)]);
}
