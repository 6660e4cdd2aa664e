/// The inline script: pan and zoom (wheel, drag, pinch, buttons), tap or click a commune for its figures,
/// commune labels hidden while they would render below 8 px (the numbered key and the titles remain).
enum ReportScript {
    static let source = """
        (function(){
        var UI=window.COVAUDIT_UI||["","+","-","reset"];
        document.documentElement.classList.add("js");
        function setup(svg){
          var vp=svg.querySelector("g.vp");if(!vp)return;
          var fig=svg.closest("figure"),info=fig?fig.querySelector(".info"):null;
          if(info)info.textContent=UI[0];
          var vb=svg.viewBox.baseVal,W=vb.width,H=vb.height,s=1,tx=0,ty=0,sel=null;
          function labels(){svg.classList.toggle("tiny",svg.getBoundingClientRect().width/W*s*10<8);}
          function apply(){vp.setAttribute("transform","translate("+tx.toFixed(2)+" "+ty.toFixed(2)+") scale("+s.toFixed(4)+")");svg.setAttribute("data-scale",s.toFixed(4));labels();}
          function clampT(){var m=0.5;tx=Math.min(W*m,Math.max(W*(1-m)-W*s,tx));ty=Math.min(H*m,Math.max(H*(1-m)-H*s,ty));}
          function pt(cx,cy){var r=svg.getBoundingClientRect();return [(cx-r.left)/r.width*W,(cy-r.top)/r.height*H];}
          function zoom(f,px,py){var n=Math.min(40,Math.max(1,s*f));f=n/s;tx=px-(px-tx)*f;ty=py-(py-ty)*f;s=n;if(s===1){tx=0;ty=0;}clampT();apply();}
          function show(el){
            if(sel)sel.classList.remove("sel");sel=el;el.classList.add("sel");
            var t=el.querySelector("title");if(info&&t)info.textContent=t.textContent;
          }
          svg.addEventListener("wheel",function(e){e.preventDefault();var p=pt(e.clientX,e.clientY);zoom(e.deltaY<0?1.25:0.8,p[0],p[1]);},{passive:false});
          var ptrs={},start=null,moved=false,pinch=null;
          svg.addEventListener("pointerdown",function(e){
            ptrs[e.pointerId]=[e.clientX,e.clientY];var ids=Object.keys(ptrs);
            if(ids.length===1){start=[e.clientX,e.clientY,tx,ty];moved=false;}
            if(ids.length===2){var a=ptrs[ids[0]],b=ptrs[ids[1]];pinch=[Math.hypot(a[0]-b[0],a[1]-b[1]),s];}
          });
          svg.addEventListener("pointermove",function(e){
            if(!ptrs[e.pointerId])return;ptrs[e.pointerId]=[e.clientX,e.clientY];var ids=Object.keys(ptrs);
            if(ids.length===2&&pinch){var a=ptrs[ids[0]],b=ptrs[ids[1]],d=Math.hypot(a[0]-b[0],a[1]-b[1]);
              var c=pt((a[0]+b[0])/2,(a[1]+b[1])/2);zoom(pinch[1]*d/pinch[0]/s,c[0],c[1]);moved=true;return;}
            if(start){var r=svg.getBoundingClientRect(),dx=e.clientX-start[0],dy=e.clientY-start[1];
              if(Math.abs(dx)+Math.abs(dy)>4)moved=true;
              if(moved&&s>1){tx=start[2]+dx/r.width*W;ty=start[3]+dy/r.height*H;clampT();apply();}}
          });
          function up(e){
            var tap=start&&!moved&&Object.keys(ptrs).length===1;delete ptrs[e.pointerId];
            if(Object.keys(ptrs).length<2)pinch=null;
            if(tap){var el=document.elementFromPoint(e.clientX,e.clientY);
              if(el&&el.closest)el=el.closest("use.c");if(el&&svg.contains(el))show(el);}
            if(Object.keys(ptrs).length===0)start=null;
          }
          svg.addEventListener("pointerup",up);svg.addEventListener("pointercancel",function(e){delete ptrs[e.pointerId];start=null;pinch=null;});
          if(svg.classList.contains("small"))return;
          labels();window.addEventListener("resize",labels);
          var box=document.createElement("div");box.className="zoom";
          [[UI[1],1.5],[UI[2],1/1.5],[UI[3],0]].forEach(function(b){
            var btn=document.createElement("button");btn.type="button";btn.textContent=b[0];
            btn.addEventListener("click",function(){if(b[1])zoom(b[1],W/2,H/2);else{s=1;tx=0;ty=0;apply();}});
            box.appendChild(btn);});
          svg.parentNode.appendChild(box);
        }
        Array.prototype.forEach.call(document.querySelectorAll("svg.map"),setup);
        })();

        """
}
