/** Where to go after sign-in: only a path inside the console, never another origin. */
export function safeReturnTo(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}
