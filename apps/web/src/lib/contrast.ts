/**
 * Colours that meet WCAG AA contrast on white where antd's defaults do not (axe runs in the browser
 * tests): description labels and status tags.
 */
export const LABEL_COLOR = '#595959';
export const TAG_SUCCESS = '#237804';
export const TAG_DANGER = '#a8071a';
export const TAG_INFO = '#0958d9';
export const TAG_WARNING = '#ad4e00';
