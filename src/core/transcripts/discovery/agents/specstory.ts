import { join } from 'node:path';
import type { SourceLocation } from '../location';

/** SpecStory writes its exports into the workspace itself: `<workspace>/.specstory/history/*.md`. */
export function specStoryLocations(workspace: string | undefined): SourceLocation[] {
  if (!workspace) return [];
  return [
    {
      agent: 'specstory',
      label: 'SpecStory',
      path: join(workspace, '.specstory', 'history'),
      units: { kind: 'glob', globs: ['*.md'] },
      link: 'inside',
    },
  ];
}
