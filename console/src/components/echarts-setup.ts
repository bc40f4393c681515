// Apache ECharts with only what the console draws (line and bar charts, axes, tooltips,
// legends, marked points and areas, SVG output), so the bundle carries no other chart type.
// Loaded on the first chart, not with the sign-in page.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, MarkPointComponent, MarkAreaComponent, SVGRenderer]);

export { echarts };
