using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.SubprocessorChanges;

/// <summary>A commander's calls on the change API, for tests about what follows an announcement (timers, console pages).</summary>
internal static class ChangeApi
{
    public const string Path = "/api/subprocessor-changes";

    /// <summary>Adds "Example Relay" to core-platform (the sample's four customers), effective <paramref name="days"/> after <paramref name="from"/>.</summary>
    public static object Change(DateTimeOffset from, int days, string id = "example-relay") => new
    {
        kind = "add",
        subprocessor = new { id, name = "Example Relay", entity = "Example Relay Ltd", purpose = "Transactional email", location = "IE" },
        services = new[] { "core-platform" },
        effectiveAt = from.AddDays(days),
    };

    public static async Task<string> AnnounceAsync(TestApp app, object change, CancellationToken ct)
    {
        using var announced = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, Path, change), ct);
        Assert.Equal(HttpStatusCode.Created, announced.StatusCode);
        return (await announced.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
    }

    public static async Task DecideAsync(TestApp app, string id, string decision, CancellationToken ct)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/decision", new { decision }), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<string> AnnounceAndApproveAsync(TestApp app, object change, CancellationToken ct)
    {
        var id = await AnnounceAsync(app, change, ct);
        await DecideAsync(app, id, "approve", ct);
        return id;
    }

    public static async Task<JsonElement> ReadAsync(TestApp app, string id, CancellationToken ct)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"{Path}/{id}"), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    public static List<string?> TimelineKinds(JsonElement change) => [.. change.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString())];
}
