/** Identifiers the extension contributes in package.json; code refers to them only through these. */
export const COMMAND = {
  listSkills: 'skillsmith.listSkills',
} as const;

export const VIEW = {
  browser: 'skillsmith.browser',
} as const;

export const SETTINGS_SECTION = 'skillsmith';
