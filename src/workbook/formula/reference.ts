import { CATEGORY_TITLES, signature, type Category, type FunctionSpec } from './catalog';
import { allFunctions } from './functions';

const ORDER: Category[] = ['math', 'statistics', 'logic', 'text', 'date', 'lookup', 'array', 'information', 'financial', 'engineering', 'database'];

/** A table cell's text, with the characters Markdown tables treat specially escaped. */
function cell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The function reference (docs/formulas.md), from the catalog: one row per function, with an example. */
export function renderReference(functions: readonly FunctionSpec[] = allFunctions()): string {
  const lines: string[] = [
    '# Formula reference',
    '',
    '<!-- Generated from src/workbook/formula/functions by `npm run docs:formulas`; a unit test fails when it is out of date. -->',
    '',
    `Cellar knows ${functions.length} functions. Each has two forms that give the same answers: one in TypeScript, for cells and sheets, and one in DuckDB SQL, for formula columns over millions of rows and for calls over tables. "In columns" says whether a function can be used in a formula column (the SQL form exists). Every example below is run through both forms by the test suite.`,
    '',
    'How formulas read values — the same rules as Excel: text compares case-insensitively; an empty cell is 0 in arithmetic and "" in text; `&` joins text; `^` is power, `%` divides by 100; text positions count from 1; dates are days since 1899-12-30 where a number is expected. In a formula column, `[col]` is this row\'s value where one value is expected, and the whole column where a function takes a range (`SUM([amount])`); `[@col]` is always this row; `table[col]` is another table\'s column.',
    '',
    'Errors: `#DIV/0!` division by zero; `#N/A` no match; `#VALUE!` a value of the wrong type; `#NAME?` an unknown function or name; `#REF!` an unknown column, table or cell; `#NUM!` a number out of range; `#ERROR!` a formula that does not parse. In a formula column a row\'s error shows in the grid and reads as NULL in SQL.',
    '',
  ];
  for (const category of ORDER) {
    const list = functions.filter((f) => f.category === category).sort((a, b) => a.name.localeCompare(b.name));
    if (list.length === 0) continue;
    lines.push(`## ${CATEGORY_TITLES[category]} (${list.length})`, '', '| Function | What it does | Example | Result | In columns |', '|---|---|---|---|---|');
    for (const f of list) {
      const what = f.notes ? `${f.summary} ${f.notes}` : f.summary;
      lines.push(`| \`${cell(signature(f))}\` | ${cell(what)} | \`${cell(f.example.formula)}\` | ${cell(f.example.result)} | ${f.sql ? 'yes' : 'no'} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
