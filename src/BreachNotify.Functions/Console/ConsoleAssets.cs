namespace BreachNotify.Functions.CommanderConsole;

/// <summary>The console's stylesheet (on top of /assets/site.css) and its one small script (progressive enhancement only).</summary>
internal static class ConsoleAssets
{
    public const string Css = """
        body.console main{max-width:72rem}
        header{max-width:72rem;margin:0 auto 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between;border-bottom:1px solid #ccc;padding-bottom:.5rem}
        header ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:1rem}
        header a[aria-current]{font-weight:700}
        form.inline{display:inline-flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.25rem 0}
        form.inline input{width:12rem}
        form.inline button{padding:.3rem .8rem}
        .scroll{overflow-x:auto;margin:.5rem 0 1rem;background:linear-gradient(to right,#fff 30%,rgba(255,255,255,0)),linear-gradient(to left,#fff 30%,rgba(255,255,255,0)) 100% 0,radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.25),transparent),radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.25),transparent) 100% 0;background-repeat:no-repeat;background-size:2rem 100%,2rem 100%,.8rem 100%,.8rem 100%;background-attachment:local,local,scroll,scroll}
        time{white-space:nowrap}
        table[id^=queue-] time,table[id^=queue-] .countdown{white-space:normal}table[id^=queue-] th,table[id^=queue-] td{padding:.35rem .3rem}
        svg.chart{display:block;width:100%;max-width:40rem;height:auto;margin:.5rem 0 1rem;font-family:inherit}
        table{border-collapse:collapse;width:100%;font-size:.95rem}
        th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #ddd}
        thead th{background:#f3f3f3}
        select{font:inherit;padding:.5rem;max-width:30rem;width:100%}
        fieldset{border:1px solid #ccc;border-radius:4px;max-width:34rem}
        form.decision{margin-bottom:1rem}
        button.secondary{background:#555}
        .countdown{white-space:nowrap}.overdue{color:#a50e0e;font-weight:700}
        .error{background:#fce8e6;padding:.75rem;border-radius:4px}
        .bars{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.5rem 1rem}
        .bar label{display:block}
        progress{width:100%;height:1.1rem}
        svg.progress{display:block;width:100%;max-width:8rem;height:.45rem;margin-top:.3rem}svg.progress .track{fill:#ddd}svg.progress .sent{fill:#5b8bd0}svg.progress .acknowledged{fill:#2e7d32}
        .facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem 1rem}.facts dd{margin:0}
        .facts dd,.rationale li,.detection p{overflow-wrap:anywhere}
        form.notice-edits fieldset{margin-bottom:1rem}form.notice-edits textarea{width:100%;box-sizing:border-box}
        details>summary{cursor:pointer}details>summary h2{display:inline}
        #previews li{overflow-wrap:anywhere;margin:.2rem 0}
        pre.notice-text{white-space:pre-wrap;overflow-wrap:anywhere;background:#f7f7f7;border:1px solid #ddd;padding:.75rem;max-width:100%}
        iframe.notice-html{width:100%;height:32rem;border:1px solid #ccc;background:#fff}
        .filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}.filters input,.filters select{width:auto}
        @media (max-width:40rem){.facts{grid-template-columns:minmax(0,1fr)}header{display:block}}
        @media print{header,.exports,form{display:none}body{padding:0}a{color:inherit;text-decoration:none}.scroll{overflow:visible}tr{break-inside:avoid}}
        """;

    // Refreshes every [data-due] countdown once a minute, with the server's wording. The first text is the server's
    // (computed from its clock), so the page is complete without this script.
    public const string Js = """
        (function () {
          'use strict';
          function duration(minutes) {
            var parts = [];
            if (minutes >= 2880) {
              var d = Math.floor(minutes / 1440), h = Math.floor((minutes % 1440) / 60);
              parts.push(d + ' d');
              if (h > 0) { parts.push(h + ' h'); }
            } else {
              var hours = Math.floor(minutes / 60), rest = minutes % 60;
              if (hours > 0) { parts.push(hours + ' h'); }
              if (rest > 0) { parts.push(rest + ' min'); }
            }
            return parts.join(' ');
          }
          function tick() {
            var now = Date.now();
            document.querySelectorAll('[data-due]').forEach(function (el) {
              var due = Date.parse(el.getAttribute('data-due'));
              if (isNaN(due)) { return; }
              var left = due - now, minutes = Math.floor(Math.abs(left) / 60000);
              el.textContent = minutes === 0 ? 'due now' : (left > 0 ? 'in ' : 'overdue by ') + duration(minutes);
              el.classList.toggle('overdue', left < 0 && minutes > 0);
            });
          }
          setInterval(tick, 60000);
        })();
        """;
}
