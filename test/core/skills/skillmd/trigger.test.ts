import { test } from 'node:test';
import assert from 'node:assert/strict';
import { saysWhenToUse } from '../../../../src/core/skills/skillmd/trigger';

test('descriptions that say when to use the skill', () => {
  for (const d of [
    'Extract text from PDFs. Use when handling PDF files.',
    'Use this skill whenever the user wants to edit a spreadsheet.',
    'Claude should use this when asked for a status report.',
    'Guide for MCP servers. Use it for building tools over external APIs.',
    'Formats commits. Use before committing staged changes.',
    'Reviews SQL migrations when the user mentions a schema change.',
    'Run this if the user asks about flaky tests.',
    'Release notes writer. Trigger on requests for a changelog.',
    'Useful for debugging memory leaks in Node services.',
    'Applies to any task involving Terraform plans.',
    'Reference for the billing API, for any request about invoices.',
    'Used for generating ADRs.',
  ]) {
    assert.equal(saysWhenToUse(d), true, d);
  }
});

test('descriptions that only say what the skill is', () => {
  for (const d of [
    'Helps with PDFs.',
    'Toolkit for interacting with and testing local web applications using Playwright.',
    'Generates commit messages from staged diffs.',
    'Uses the GitHub API to list issues.',
    'Tools for git.',
    'A collection of themes for slides and documents.',
    'Converts user stories into acceptance tests.',
  ]) {
    assert.equal(saysWhenToUse(d), false, d);
  }
});
