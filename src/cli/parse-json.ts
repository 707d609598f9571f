/** JSON input for the CLI: parsed, with a typed error naming the line and column of a syntax error. */
import { ValidationError } from '../engine/index.ts';

/**
 * JSON.parse, with the line and column of a syntax error. Node 20's messages give a character position
 * ("… in JSON at position 42"), except for an unexpected token, where they quote up to 10 characters
 * either side of it; the position is recovered from that quotation.
 */
export function parseJson(input: string, sourceName: string): unknown {
  // Exports saved by Windows tools often begin with a byte-order mark, which JSON.parse rejects.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = errorPosition(text, message);
    const where = position === undefined ? undefined : lineAndColumn(text, position);
    const reason = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/^(Unexpected token '.+?'), .* is not valid JSON$/s, '$1')
      .replace(/^Unexpected end of JSON input$/, 'unexpected end of input');
    throw new ValidationError(sourceName, [{ path: where ? `line ${where.line}, column ${where.column}` : '', message: `not valid JSON: ${reason}` }]);
  }
}

function errorPosition(text: string, message: string): number | undefined {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  if (/end of JSON input/.test(message)) return text.length;
  const token = /^Unexpected token '.+?', (\.\.\.)?"(.*)"(\.\.\.)? is not valid JSON$/s.exec(message);
  if (!token) return undefined;
  const [, before, quoted = '', after] = token;
  if (before) {
    const start = text.indexOf(quoted);
    return start < 0 ? undefined : start + 10;
  }
  if (after) return quoted.length - 10;
  return undefined; // a short input quoted whole: the message itself shows it
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}
