/**
 * For the default of a switch over a union (block kinds, message types): the compiler refuses the
 * call when a member is not handled, and a value that slips past the types fails loudly.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
