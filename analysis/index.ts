// Public API of the analysis engine: design-based estimates that agree with R's survey package,
// weighting, crosstabs and tests, and survey-aware tabulation of SurveyJS responses.
export { svyDesign, designInfo, DesignError, varianceOf, covarianceFromPsuTotals } from './design.js';
export type { SurveyDesign, DesignInput, LonelyPsu, Calibration } from './design.js';
export { svyMean, svyTotal, svyProportions, svyBy, levelsOf } from './estimates.js';
export type { Estimate, Proportions, EstimateOptions, ByStatistic } from './estimates.js';
export { postStratify, rake, trimWeights, weightDiagnostics, CalibrationError } from './weights.js';
export type { RakeMargin, RakeOptions, RakeResult, WeightDiagnostics } from './weights.js';
export { crosstab } from './crosstab.js';
export type { Crosstab, CrosstabOptions } from './crosstab.js';
export { chisqUpper, fUpper, tTwoSided, criticalValue } from './tests/distributions.js';
export { wilsonInterval } from './tests/wilson.js';
export { describe, meanVariance, compensatedSum, quantileSorted, lag1Autocorrelation } from './descriptive.js';
export type { Description } from './descriptive.js';
export { tabulate, Tabulation } from './tabulate.js';
export { snapshot, absorb, mergeParts } from './partition.js';
export type { TabulationSnapshot } from './partition.js';
export type { TabulateOptions, TabulateResponse, Topline, QuestionTopline } from './tabulate.js';
export { readQuestionnaire, localize } from './questionnaire.js';
export type { QuestionInfo, Locale } from './questionnaire.js';
export { cronbachAlpha, defaultIndices } from './indices.js';
export type { IndexSpec, IndexResult } from './indices.js';
export { QualityTracker, isStraightLined, isSpeeder, answerFingerprint } from './quality.js';
export type { QualitySummary, QualityOptions } from './quality.js';
export { suggestReview, REVIEW_KINDS, type ReviewKind, type ReviewRow, type ReviewSuggestion, type ReviewSuggestions } from './review.js';
export { StreamDesign, RatioSet } from './stream.js';
export type { StreamDesignOptions } from './stream.js';
export { loadSpec, runSpec, SpecError } from './spec.js';
