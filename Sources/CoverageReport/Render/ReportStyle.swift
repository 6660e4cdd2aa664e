/// The report's stylesheet: responsive on screen (no page-wide horizontal scroll at 360 px; wide tables
/// scroll in their own box), A4 when printed (maps kept with their captions, a running page header).
enum ReportStyle {
    static let css = """
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:0;color:#1d1d1d;background:#fafafa;line-height:1.4;overflow-wrap:break-word}
        header{background:#12355b;color:#fff;padding:1em 1rem}
        header h1{margin:0 0 .3em 0;font-size:1.5em}
        header p.lead{margin:.1em 0;opacity:.92}
        nav{margin-top:.6em;font-size:.9em}
        nav a{color:#cfe3ff}
        main{padding:0 1rem 2em 1rem;max-width:1100px}
        section{margin-top:1.6em}
        h2{border-bottom:2px solid #12355b;padding-bottom:.2em}
        .callout{font-size:1.45em;font-weight:700;margin:.4em 0}
        .tw{overflow-x:auto;max-width:100%;margin:.6em 0}
        table{border-collapse:collapse;font-size:.9em;background:#fff}
        th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
        th{background:#eef2f7}
        td.x{word-break:break-all;min-width:12em}
        .n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        th.n{white-space:normal}
        td.ok{background:#d9f2d9}
        td.bad{background:#f8d4d4}
        td.unk{background:#f3ebc9}
        figure{margin:1.2em 0;max-width:900px}
        figcaption{font-weight:600;margin-bottom:.4em}
        .keylink{font-weight:400;font-size:.85em}
        .mapbox{position:relative}
        svg.defs{position:absolute;width:0;height:0;overflow:hidden}
        svg.map{display:block;width:100%;height:auto;background:#fff;border:1px solid #ddd;touch-action:none}
        svg.map use.c{stroke:#fff;stroke-width:.7}
        svg.map use.c:hover,svg.map use.sel{stroke:#000;stroke-width:2}
        svg.map use.h{pointer-events:none;stroke:none}
        svg.map .rt{fill:none;stroke:#d7301f;stroke-width:1;stroke-linejoin:round;pointer-events:none}
        svg.map .st{fill:none;stroke:#111;stroke-width:2.6;stroke-linecap:round;pointer-events:none}
        svg.map .gp circle{fill:rgba(230,85,13,.25);stroke:#e6550d;stroke-width:1.5}
        svg.map text{font-size:10px;fill:#111;text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:2.5px;pointer-events:none}
        svg.map text.k{font-weight:700}
        svg.map.tiny text.n,svg.map.tiny text.k{display:none}
        svg.map .sb text,svg.map .na text{font-size:11px;text-anchor:start}
        svg.map .na text{text-anchor:middle;font-weight:700}
        .legend{list-style:none;padding:0;margin:.5em 0;display:flex;flex-wrap:wrap;gap:.3em 1em;font-size:13px}
        .legend li{white-space:nowrap}
        .legend i{display:inline-block;width:16px;height:14px;border:1px solid #555;vertical-align:-2px;margin-right:5px}
        .legend i.nd{background:#fff radial-gradient(#777 1px,transparent 1.2px) 0 0/5px 5px}
        .legend i.ht{background:repeating-linear-gradient(45deg,#222 0 1.4px,#fff 1.4px 4.2px)}
        .legend i.ov-routes{border:0;border-top:2px solid #d7301f;height:0;vertical-align:3px}
        .legend i.ov-sites{border:0;width:6px;height:6px;border-radius:50%;background:#111;vertical-align:1px}
        .legend i.ov-gaps{border:1.5px solid #e6550d;border-radius:50%;background:rgba(230,85,13,.25)}
        .key{font-size:13px}
        .key .keyt{font-weight:600;margin:.3em 0}
        .key ol{columns:14em;margin:0;padding-left:2.2em}
        .info{display:none;margin:.4em 0;padding:.4em .6em;background:#fff;border:1px solid #bbb;white-space:pre-line;font-size:14px}
        .js .info{display:block}
        .zoom{position:absolute;right:6px;bottom:6px;display:flex;gap:4px}
        .zoom button{font-size:16px;min-width:36px;height:36px;padding:0 8px;border:1px solid #888;background:#fff;border-radius:4px}
        .cells{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:.6em}
        .cell .ct{margin:.2em 0;font-size:13px;font-weight:600}
        @media (max-width:600px){header h1{font-size:1.25em} main{padding:0 .6rem 2em .6rem} h2{font-size:1.2em} .callout{font-size:1.2em}
        table{font-size:.8em} th,td{padding:.2em .35em}
        .rf table,.rf tbody,.rf tr,.rf td{display:block;width:100%}
        .rf thead{display:none}
        .rf tr{border:1px solid #ccc;margin:0 0 .5em 0;background:#fff}
        .rf td{display:flex;gap:.6em;border:0;border-bottom:1px solid #eee;padding:.2em .5em;text-align:left;white-space:normal}
        .rf td::before{content:attr(data-l);flex:0 0 38%;font-weight:600;color:#444;overflow-wrap:anywhere}
        .rf td:empty{display:none}
        html:not(.js) svg.map text.n,html:not(.js) svg.map text.k{display:none}}
        @media print{
        @page{size:A4;margin:16mm 12mm 14mm 12mm}
        body{background:#fff;font-size:10pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
        header{background:#fff;color:#000;padding:0;border-bottom:2px solid #12355b}
        header p.lead{opacity:1}
        nav,.zoom,.info,.keylink{display:none!important}
        main{padding:0;max-width:none}
        .tw{overflow:visible}
        table{font-size:8.5pt}
        tr,figure,.legend,.key{break-inside:avoid}
        h2,h3,figcaption{break-after:avoid}
        section#maps{break-before:page}
        figure.map svg.map{max-height:170mm;width:auto;max-width:100%}
        svg.map.tiny text.n,svg.map.tiny text.k{display:inline}
        td.x{word-break:break-all}
        }
        """

    /// The evidence cells' styles, added only to a report that draws them (a report without
    /// measurements keeps its bytes).
    static let evidenceCSS = """
        svg.map .cc path{fill:#e41a1c;stroke:#111;stroke-width:1.2;stroke-linejoin:round}
        svg.map .uc path{fill:#fff;stroke:#111;stroke-width:1.6;stroke-linejoin:round}
        .legend i.ov-challenge-cells{width:10px;height:10px;border:1.5px solid #111;background:#e41a1c;vertical-align:0}
        .legend i.ov-undeclared-cells{width:10px;height:10px;border:2px solid #111;background:#fff;vertical-align:0}
        """
}
