import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { PostgreSQL, sql, type SQLNamespace } from '@codemirror/lang-sql';
import { autocompletion, closeBrackets, closeCompletion } from '@codemirror/autocomplete';
import { bracketMatching, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { Compartment, EditorSelection, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine } from '@codemirror/view';
import { useEffect, useRef } from 'react';

interface SqlEditorProps {
  value: string;
  /** Table name → column names, for autocomplete. */
  schema: Record<string, string[]>;
  onChange(sql: string): void;
  onRun(): void;
  /** An offset to put the cursor at (an error's position). */
  errorAt?: number;
}

/** The SQL block's editor: CodeMirror with SQL highlighting, schema autocomplete and Mod-Enter to run. */
export function SqlEditor({ value, schema, onChange, onRun, errorAt }: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const callbacks = useRef({ onChange, onRun });
  callbacks.current = { onChange, onRun };

  useEffect(() => {
    // Running closes the completion list: left open, it covers the block's name and result.
    const run = (target: EditorView) => {
      closeCompletion(target);
      callbacks.current.onRun();
      return true;
    };
    view.current = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          bracketMatching(),
          closeBrackets(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle),
          autocompletion(),
          language.current.of(sqlLanguage(schema)),
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run }, { key: 'Shift-Enter', run }])),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
          EditorView.contentAttributes.of({ 'data-testid': 'sql-editor', 'aria-label': 'SQL' }),
        ],
      }),
    });
    return () => view.current?.destroy();
    // The editor is made once; later props reach it through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(sqlLanguage(schema)) });
  }, [schema]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (v && errorAt !== undefined && errorAt <= v.state.doc.length) {
      v.dispatch({ selection: EditorSelection.cursor(errorAt), scrollIntoView: true });
    }
  }, [errorAt]);

  return <div className="sql-editor" ref={host} />;
}

function sqlLanguage(schema: Record<string, string[]>) {
  // DuckDB's dialect is closest to PostgreSQL's among CodeMirror's.
  return sql({ dialect: PostgreSQL, schema: schema as SQLNamespace, upperCaseKeywords: true });
}
