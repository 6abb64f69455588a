import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import { log } from '../log';

/**
 * Wraps a command so that a failure reaches the user as one clear line (and the log), never as an
 * unhandled rejection. The command's result is returned to callers such as the views and the tests;
 * undefined means it failed or the user backed out.
 */
export function guarded<A extends unknown[], R>(name: string, run: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await run(...args);
    } catch (e) {
      log().error(`${name}: ${describeError(e)}`);
      void vscode.window.showErrorMessage(`Skillsmith: ${describeError(e)}`);
      return undefined;
    }
  };
}
