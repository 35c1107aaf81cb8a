using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>A commander's paged reads of a matter's notices (<c>?noticeLimit=</c>, <c>?noticesAfter=</c>, <c>noticesNext</c>).</summary>
internal static class NoticePaging
{
    public static async Task<JsonElement> GetAsync(TestApp app, string path, CancellationToken ct)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, path), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    /// <summary>The <c>noticesNext</c> of a read, null when it is absent or null (the last page).</summary>
    public static string? Next(JsonElement read) =>
        read.TryGetProperty("noticesNext", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;

    /// <summary>Each notice of a read as "id email", in order.</summary>
    public static List<string> Ids(JsonElement read) =>
        [.. read.GetProperty("notices").EnumerateArray().Select(n => $"{n.GetProperty("noticeId").GetString()} {n.GetProperty("email").GetString()}")];

    public static async Task AssertBadRequestAsync(TestApp app, string path, string field, CancellationToken ct)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, path), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(field + ":", (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
