// A vega-lite spec rendered to SVG without a browser (vega and vega-lite are ESM: dynamic import),
// as the evaluation reports render theirs (src/eval/report.ts).
export async function toSvg(spec: object): Promise<string> {
  const vega = await import('vega');
  const vl = await import('vega-lite');
  const view = new vega.View(vega.parse(vl.compile(spec as never).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
