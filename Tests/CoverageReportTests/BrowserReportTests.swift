import CoverageTestSupport
import Foundation
import Testing

/// The demo report in headless Chromium (required, installed by Scripts/setup.sh): widths, A4 print, pan, zoom, tap.
@Suite(.serialized) struct BrowserReportTests {
    static var report: URL { TestPaths.repositoryRoot.appendingPathComponent("Reports/demo/report.html") }

    static func chromium() throws -> String {
        guard let path = ProcessRunner.which("chromium") ?? ProcessRunner.which("chromium-browser") else {
            Issue.record("chromium is not installed: run Scripts/setup.sh (CI installs it)")
            throw CancellationError()
        }
        return path
    }

    /// Runs headless Chromium with the common flags.
    static func run(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(
            try chromium(),
            ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"] + arguments)
    }

    /// Checks run inside the page after the report's own script; the result lands in `data-check`.
    static let probe = """
        <script>
        (function(){
        var r={};var de=document.documentElement;
        r.width=window.innerWidth;r.scrollWidth=de.scrollWidth;
        var min=1e9,n=0;document.querySelectorAll(".legend li,.key li").forEach(function(el){
          n++;min=Math.min(min,parseFloat(getComputedStyle(el).fontSize));});
        r.legendItems=n;r.legendMinPx=min;
        var svg=document.querySelector("svg.map:not(.small)");svg.scrollIntoView();
        function labels(){var n=0,m=1e9;svg.querySelectorAll("text.n,text.k").forEach(function(t){
          if(getComputedStyle(t).display==="none")return;var h=t.getBoundingClientRect().height;
          if(h>0){n++;m=Math.min(m,h);}});return [n,m];}
        var l=labels();r.labelsShown=l[0];r.labelMinPx=l[1];
        var b=svg.getBoundingClientRect(),cx=b.left+b.width/2,cy=b.top+Math.min(b.height,window.innerHeight-b.top)/2;
        svg.dispatchEvent(new WheelEvent("wheel",{deltaY:-120,clientX:cx,clientY:cy,bubbles:true,cancelable:true}));
        r.scaleAfterWheel=parseFloat(svg.getAttribute("data-scale")||"1");
        var vp=svg.querySelector("g.vp"),before=vp.getAttribute("transform");
        function ptr(type,x,y){svg.dispatchEvent(new PointerEvent(type,{pointerId:7,clientX:x,clientY:y,bubbles:true,isPrimary:true,pointerType:"touch"}));}
        ptr("pointerdown",cx,cy);ptr("pointermove",cx+60,cy+30);ptr("pointerup",cx+60,cy+30);
        r.panned=vp.getAttribute("transform")!==before;
        var buttons=svg.parentNode.querySelectorAll(".zoom button");r.zoomButtons=buttons.length;
        if(buttons.length===3){buttons[0].click();buttons[0].click();buttons[0].click();}
        l=labels();r.labelsShownZoomed=l[0];r.labelMinPxZoomed=l[1];
        if(buttons.length===3)buttons[2].click();
        r.scaleAfterReset=parseFloat(svg.getAttribute("data-scale")||"1");
        var uses=svg.querySelectorAll("use.c"),hit=null,hx=0,hy=0;
        for(var i=0;i<uses.length&&!hit;i++){var q=uses[i].getBoundingClientRect(),x=q.left+q.width/2,y=q.top+q.height/2;
          if(y>0&&y<window.innerHeight&&document.elementFromPoint(x,y)===uses[i]){hit=uses[i];hx=x;hy=y;}}
        if(hit){ptr("pointerdown",hx,hy);ptr("pointerup",hx,hy);
          r.tapExpected=hit.querySelector("title").textContent.split("\\n")[0];
          r.info=svg.closest("figure").querySelector(".info").textContent;}
        document.body.setAttribute("data-check",JSON.stringify(r));
        })();
        </script>
        """

    /// The probe's findings for the report opened at `width` px.
    static func probe(width: Int) throws -> [String: Any] {
        let dir = try TestPaths.temporaryDirectory("browser")
        let html = try String(contentsOf: report, encoding: .utf8)
            .replacingOccurrences(of: "</body>", with: probe + "</body>")
        try Data(html.utf8).write(to: dir.appendingPathComponent("probe.html"))
        // Headless windows are at least 500 px wide: narrower widths are an iframe of that width.
        let harness = """
            <!DOCTYPE html><html><body style="margin:0">
            <iframe id="f" src="probe.html" style="border:0;width:\(width)px;height:900px"
             onload="document.body.setAttribute('data-check',this.contentDocument.body.getAttribute('data-check'))"></iframe>
            </body></html>
            """
        let page = dir.appendingPathComponent("harness.html")
        try Data(harness.utf8).write(to: page)
        let run = try run([
            "--window-size=\(max(width, 1400)),1000", "--allow-file-access-from-files", "--dump-dom",
            page.absoluteString,
        ])
        let dom = run.stdout
        guard let range = dom.range(of: #"data-check="[^"]*""#, options: .regularExpression) else {
            Issue.record("no probe result at \(width) px: \(run.stderr.suffix(500))")
            return [:]
        }
        let json = dom[range].dropFirst("data-check=\"".count).dropLast()
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        return try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
    }

    @Test(arguments: [360, 390, 1400])
    func noHorizontalOverflowReadableLegendPanZoomAndTap(width: Int) throws {
        let r = try Self.probe(width: width)
        let scrollWidth = r["scrollWidth"] as? Double ?? .infinity
        let innerWidth = r["width"] as? Double ?? 0
        #expect(innerWidth == Double(width))
        #expect(scrollWidth <= innerWidth, "the page scrolls sideways at \(width) px: \(scrollWidth) px wide")
        #expect((r["legendItems"] as? Double ?? 0) > 10)
        #expect((r["legendMinPx"] as? Double ?? 0) >= 11, "legend text of \(r["legendMinPx"] ?? "?") px")
        #expect((r["scaleAfterWheel"] as? Double ?? 1) > 1, "the wheel does not zoom")
        #expect(r["panned"] as? Bool == true, "dragging does not pan")
        #expect(r["zoomButtons"] as? Double == 3)
        // Commune labels never render below 8 px (hidden, the key remains) and show once zoomed in.
        if (r["labelsShown"] as? Double ?? 0) > 0 {
            #expect((r["labelMinPx"] as? Double ?? 0) >= 8, "labels of \(r["labelMinPx"] ?? "?") px at \(width) px")
        }
        if width >= 1400 { #expect((r["labelsShown"] as? Double ?? 0) > 0, "no labels on a desktop") }
        #expect((r["labelsShownZoomed"] as? Double ?? 0) > 0, "no labels after zooming in at \(width) px")
        #expect((r["labelMinPxZoomed"] as? Double ?? 0) >= 8)
        #expect(r["scaleAfterReset"] as? Double == 1)
        let expected = try #require(r["tapExpected"] as? String, "no commune found under a tap point")
        #expect((r["info"] as? String ?? "").hasPrefix(expected), "a tap does not show the commune's figures")
    }

    /// Printed to A4: every map's caption and its legend and key end on the same page; the verdicts on page 1.
    @Test func printsToA4WithEachMapOnItsCaptionsPage() throws {
        let dir = try TestPaths.temporaryDirectory("browser-pdf")
        let pdf = dir.appendingPathComponent("report.pdf")
        _ = try Self.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", Self.report.absoluteString])
        let data = try Data(contentsOf: pdf)
        let text = String(decoding: data, as: Unicode.ASCII.self)
        let pages = try PDFDestinations.pages(text)
        #expect(pages.count > 3)
        for size in pages.values { #expect(abs(size.0 - 595.9) < 2 && abs(size.1 - 842.9) < 2, "not A4: \(size)") }
        let dests = try PDFDestinations.destinations(text)
        let figures = dests.keys.filter { $0.hasPrefix("cap-map") }
        #expect(figures.count >= 4)
        for cap in figures {
            let key = "key-" + cap.dropFirst(4)
            #expect(
                dests[cap] != nil && dests[cap] == dests[key],
                "\(cap) on page \(dests[cap] ?? -1), its end on \(dests[key] ?? -1)")
        }
        #expect(dests["headline"] == 0, "the verdict summary is not on page 1")
    }
}

/// Reads the page sizes and named destinations (page index of each anchor) of a Chromium PDF.
enum PDFDestinations {
    struct Malformed: Error {}

    /// Object number → body (uncompressed objects only, as Chromium writes them).
    static func objects(_ pdf: String) -> [Int: String] {
        var out: [Int: String] = [:]
        guard
            let re = try? NSRegularExpression(pattern: #"(\d+) 0 obj(.*?)endobj"#, options: [.dotMatchesLineSeparators])
        else { return [:] }
        let ns = pdf as NSString
        for m in re.matches(in: pdf, range: NSRange(location: 0, length: ns.length)) {
            var body = ns.substring(with: m.range(at: 2))
            if let s = body.range(of: "stream") { body = String(body[..<s.lowerBound]) }
            out[Int(ns.substring(with: m.range(at: 1))) ?? -1] = body
        }
        return out
    }

    /// Page object numbers in document order, with their media box size.
    static func pageOrder(_ objects: [Int: String]) throws -> [(Int, (Double, Double))] {
        guard let catalog = objects.values.first(where: { $0.contains("/Type /Catalog") }),
            let root = ref(catalog, "Pages")
        else { throw Malformed() }
        var out: [(Int, (Double, Double))] = []
        func walk(_ n: Int) {
            guard let body = objects[n] else { return }
            if body.contains("/Type /Pages") {
                let kids =
                    body.range(of: #"/Kids \[[^\]]*\]"#, options: .regularExpression).map { String(body[$0]) } ?? ""
                for k in refs(kids) { walk(k) }
            } else {
                let box =
                    body.range(of: #"/MediaBox \[[^\]]*\]"#, options: .regularExpression).map {
                        body[$0].split(whereSeparator: { " []".contains($0) }).compactMap { Double($0) }
                    } ?? []
                out.append((n, box.count == 4 ? (box[2] - box[0], box[3] - box[1]) : (0, 0)))
            }
        }
        walk(root)
        return out
    }

    static func pages(_ pdf: String) throws -> [Int: (Double, Double)] {
        Dictionary(
            try pageOrder(objects(pdf)).enumerated().map { ($0.offset, $0.element.1) }, uniquingKeysWith: { a, _ in a })
    }

    /// Anchor name → 0-based page index.
    static func destinations(_ pdf: String) throws -> [String: Int] {
        let objs = objects(pdf)
        let index = Dictionary(
            try pageOrder(objs).enumerated().map { ($0.element.0, $0.offset) }, uniquingKeysWith: { a, _ in a })
        guard let catalog = objs.values.first(where: { $0.contains("/Type /Catalog") }), let d = ref(catalog, "Dests"),
            let body = objs[d]
        else { throw Malformed() }
        var out: [String: Int] = [:]
        let re = try NSRegularExpression(pattern: #"/([^\s/\[]+) \[(\d+) 0 R /XYZ"#)
        let ns = body as NSString
        for m in re.matches(in: body, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: m.range(at: 1))
            out[name] = index[Int(ns.substring(with: m.range(at: 2))) ?? -1]
        }
        return out
    }

    private static func ref(_ body: String, _ key: String) -> Int? {
        guard let r = body.range(of: "/\(key) (\\d+) 0 R", options: .regularExpression) else { return nil }
        return Int(body[r].split(separator: " ")[1])
    }

    private static func refs(_ text: String) -> [Int] {
        guard let re = try? NSRegularExpression(pattern: #"(\d+) 0 R"#) else { return [] }
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap {
            Int(ns.substring(with: $0.range(at: 1)))
        }
    }
}
