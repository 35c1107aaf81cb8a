using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>The notices' progress chart: its step lines and due markers for a known incident, read back with AngleSharp, and drawn by Chromium.</summary>
public sealed class NoticeProgressChartTests(BrowserFixture browser)
{
    /// <summary>The plot's top edge: the y of "every notice" (the chart's top margin).</summary>
    public const string TopY = "40";

    private static readonly DateTimeOffset Aware = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    // Aware 10:00, both due 14:00. A: sent 10:30, delivered 10:45, acknowledged 12:00. B: sent 10:30, delivered 11:00, not acknowledged.
    private static readonly NoticeTimes[] Known =
    [
        new(Aware.AddMinutes(30), Aware.AddMinutes(45), Aware.AddHours(2), Aware.AddHours(4)),
        new(Aware.AddMinutes(30), Aware.AddHours(1), null, Aware.AddHours(4)),
    ];

    [Fact]
    public void KnownIncident_EachSeriesIsAStepLineOfItsCumulativeCount_AndTheDueTimeIsAMarker()
    {
        var svg = Parse(NoticeProgressChart.Svg("chart", Aware, Known, TimeZoneInfo.Utc));

        // By hand: the plot spans x 48..624 for 10:00..14:00 (144 per hour) and y 224..40 for 0..2 notices (92 per notice).
        Assert.Equal("48,224 120,224 120,40 624,40", Points(svg, "sent"));
        Assert.Equal("48,224 156,224 156,132 192,132 192,40 624,40", Points(svg, "delivered"));
        Assert.Equal("48,224 336,224 336,132 624,132", Points(svg, "acknowledged"));

        var due = Assert.Single(svg.QuerySelectorAll("g.due"));
        Assert.Equal("2026-03-01T14:00:00.0000000+00:00", due.GetAttribute("data-due"));
        Assert.Equal("624", due.QuerySelector("line")!.GetAttribute("x1"));
        Assert.Equal("due 1 Mar 14:00", due.QuerySelector("text")!.TextContent);

        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("chart-title chart-desc", svg.GetAttribute("aria-labelledby"));
        Assert.Equal("From 1 Mar 10:00 to 1 Mar 14:00 (UTC): 2 notices, 2 sent, 2 delivered, 1 acknowledged; due 1 Mar 14:00.", svg.QuerySelector("desc")!.TextContent);
        Assert.Equal(["1 Mar 10:00", "1 Mar 14:00", "time (UTC)", "0", "2", "notices", "Sent 2", "Delivered 2", "Acknowledged 1"], svg.Children.Where(c => c.LocalName == "text").Select(t => t.TextContent).ToArray());
        Assert.Empty(svg.QuerySelectorAll("[style], script"));
    }

    [Fact]
    public void Times_AreLabelledInTheCommandersZone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var svg = Parse(NoticeProgressChart.Svg("chart", Aware, Known, berlin));

        Assert.Equal("due 1 Mar 15:00", svg.QuerySelector("g.due text")!.TextContent);
        Assert.Contains("time (Europe/Berlin)", svg.Children.Select(c => c.TextContent));
    }

    [Fact]
    public void NoNotices_DrawsNoChart() => Assert.Equal("", NoticeProgressChart.Svg("chart", Aware, [], TimeZoneInfo.Utc));

    [Fact]
    public async Task KnownIncident_ChromiumDrawsTheThreeLinesWithoutScript()
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 700, Height = 300 }, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.SetContentAsync($"<!doctype html><html lang=\"en\"><head><title>Chart</title></head><body>{NoticeProgressChart.Svg("chart", Aware, Known, TimeZoneInfo.Utc)}</body></html>");

        var chart = page.Locator("svg#chart");
        var box = await chart.BoundingBoxAsync();
        Assert.True(box is { Width: > 300, Height: > 100 }, $"{box?.Width}x{box?.Height}");
        foreach (var series in new[] { "sent", "delivered", "acknowledged" })
        {
            Assert.True((await chart.Locator($"polyline[data-series={series}]").BoundingBoxAsync())?.Width > 100, series);
        }

        await chart.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("notice-chart-known-incident") });
    }

    private static IElement Parse(string svg) => new HtmlParser().ParseDocument($"<!doctype html><html><body>{svg}</body></html>").QuerySelector("svg")!;

    private static string Points(IElement svg, string series) => svg.QuerySelector($"polyline[data-series={series}]")!.GetAttribute("points")!;
}
