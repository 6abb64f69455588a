import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EvaluationView } from '../../../webview/protocol';
import { api, closeAllEditors, run, SAMPLES } from './helpers';
import { screenshot, test } from './runner';

function evaluationTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('skillsmith.evaluation'));
}

test('Evaluate Skills runs the hindsight evaluation in the worker and opens its report beside both baselines', async () => {
  await closeAllEditors();
  const { evaluation } = await api();
  // resolves once the page has loaded (its script ran under the CSP and asked for the report) and been sent it
  const view = await run<EvaluationView>('skillsmith.evaluate', { paths: [SAMPLES], offline: true, split: 0.5 });
  assert.ok(view, 'the command returned the report it showed');
  assert.deepEqual([view.split.sessions, view.split.earlier, view.split.later], [12, 6, 6]);
  assert.equal(view.engine, 'offline');
  assert.deepEqual(Object.keys(view.methods), ['skills', 'rawReuse', 'staticPlaybook']);
  assert.equal(evaluation.current, view, 'the panel shows that report');
  assert.equal(evaluationTabs().length, 1, 'one evaluation panel is open');
  await screenshot('evaluation');

  // a second run reuses the panel
  const again = await run<EvaluationView>('skillsmith.evaluate', { paths: [SAMPLES], offline: true, split: 0.5, k: 1 });
  assert.equal(again.k, 1);
  assert.equal(evaluationTabs().length, 1);
  assert.equal(await run('skillsmith.evaluate', { paths: 'not a list' }), undefined, 'a malformed argument is a clear error, not a crash');
  await closeAllEditors();
  assert.equal(evaluation.current, undefined, 'closed, it shows nothing');
});
