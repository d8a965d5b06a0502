// One pair of colours for "meets the rule" and "does not" on every operations page (compliance
// scopes, target charts): the style's valid/invalid patrol colours, with grey for "not rated".
export const PASS_COLOURS = { pass: '#1a9641', fail: '#d7191c', unrated: '#9e9e9e' } as const
