// ECharts, tree-shaken to what the results charts draw. Imported only through `loadEcharts()` so that the
// library is a chunk of its own, fetched when the first chart appears, never part of the shell or the
// respondent bundle. (The canvas renderer, used for PNG copies only, is ~14 kB of it: splitting it off
// was tried and only added a chunk.)
import { BarChart, CustomChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

// SVG on screen (crisp in print); canvas only for PNG copies.
echarts.use([BarChart, CustomChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer, CanvasRenderer]);

export { echarts };
