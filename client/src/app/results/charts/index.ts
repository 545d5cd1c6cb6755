// The results charts (Apache ECharts, loaded lazily): other pages import from here.
export { QuestionChart, type QuestionChartProps } from './QuestionChart';
export { CrosstabChart } from './CrosstabChart';
export { EChart, loadEcharts, type EChartProps } from './EChart';
export { barOption, stackedOption, questionChart, hasChart, matrixSegments, crosstabSegments, barsOf, type BuiltChart, type ChartLayout, type ChartOption } from './option';
export { scaleColors, diverging } from './palette';
export { DRAWN, marginOf, type ToplineQuestion, type TToplineQuestion, type Level, type Estimate, type MatrixRow } from './model';
