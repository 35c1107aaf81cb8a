using System.Net;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>Times in the commander's zone, right on both sides of a DST change, and remaining time as text.</summary>
public sealed class ConsoleTimeTests(AzuriteFixture azurite)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("2026-10-25T00:30:00Z", "2026-10-25 02:30 UTC+02:00")] // CEST, before clocks go back at 01:00 UTC
    [InlineData("2026-10-25T02:30:00Z", "2026-10-25 03:30 UTC+01:00")] // CET, after
    [InlineData("2026-03-29T00:30:00Z", "2026-03-29 01:30 UTC+01:00")]
    [InlineData("2026-03-29T01:30:00Z", "2026-03-29 03:30 UTC+02:00")]
    public void Format_InBerlin_FollowsTheDstChange(string utc, string expected) =>
        Assert.Equal(expected, ConsoleTime.Format(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Berlin));

    [Fact]
    public void Format_InUtcAndNewYork()
    {
        var at = new DateTimeOffset(2026, 11, 1, 6, 30, 0, TimeSpan.Zero);
        Assert.Equal("2026-11-01 06:30 UTC", ConsoleTime.Format(at, ConsoleTime.Zone(null)));
        Assert.Equal("2026-11-01 01:30 UTC-05:00", ConsoleTime.Format(at, ConsoleTime.Zone("America/New_York")));
        Assert.Equal(TimeZoneInfo.Utc, ConsoleTime.Zone("Mars/Olympus_Mons"));
    }

    [Theory]
    [InlineData(23 * 60 + 12, "in 23 h 12 min")]
    [InlineData(-120, "overdue by 2 h")]
    [InlineData(45, "in 45 min")]
    [InlineData(72 * 60 + 30, "in 3 d")]
    [InlineData(50 * 60, "in 2 d 2 h")]
    [InlineData(0, "due now")]
    [InlineData(-(26 * 60 + 5), "overdue by 26 h 5 min")]
    public void Remaining_IsWholeMinutesAsText(int minutes, string expected)
    {
        var now = new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, ConsoleTime.Remaining(now.AddMinutes(minutes).AddSeconds(minutes >= 0 ? 30 : -30), now));
    }

    [Fact]
    public void StartOfDay_IsLocalMidnightInTheZone()
    {
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero), ConsoleTime.StartOfDay(new DateOnly(2026, 10, 25), Berlin).ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero), ConsoleTime.StartOfDay(new DateOnly(2026, 10, 26), Berlin).ToUniversalTime());
    }

    [Fact]
    public async Task IncidentPage_InBerlin_ShowsAwarenessInSummerTime_AndRefusesAnUnknownZone()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(azurite, time: time);
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "generic-subprocessor-report.json");
        using var client = new ConsoleClient(app);
        await client.SignInAsync();

        var (_, utcHtml) = await client.GetAsync($"/console/incidents/{incidentId}");
        Assert.Equal("2026-10-25 00:30 UTC", ConsoleClient.TextOf(utcHtml, "aware"));

        await client.SetTimeZoneAsync("Europe/Berlin");
        var (_, html) = await client.GetAsync($"/console/incidents/{incidentId}");
        Assert.Equal("2026-10-25 02:30 UTC+02:00", ConsoleClient.TextOf(html, "aware"));
        var page = Html.Parse(html);
        Assert.Equal(Berlin.DaylightName, page.QuerySelector("#aware time")?.GetAttribute("title"));
        var due = (await ConsoleClient.ApiReadAsync(app, incidentId)).GetProperty("deadlines").EnumerateArray().Min(d => d.GetProperty("dueAt").GetDateTimeOffset());
        // Every due time is after the change back to CET (UTC+1), so the earliest shows an hour ahead of UTC.
        var dueInBerlin = due.ToUniversalTime().AddHours(1).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC+01:00";
        Assert.Equal(dueInBerlin, page.QuerySelector("#earliest-due time")?.TextContent);

        await client.GetAsync("/console");
        var (unknown, _) = await client.PostFormAsync("/console/timezone", [new("tz", "Mars/Olympus_Mons")]);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
