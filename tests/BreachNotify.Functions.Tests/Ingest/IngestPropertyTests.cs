using System.Net;
using System.Text.Json.Nodes;
using BreachNotify.Functions.Tests.Infrastructure;
using FsCheck;

namespace BreachNotify.Functions.Tests.Ingest;

/// <summary>
/// Random and mutated payloads (JSON and CEF text), correctly signed, at the running endpoint: never a 5xx, and
/// whatever is refused leaves nothing in storage.
/// </summary>
public sealed class IngestPropertyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] Fixtures =
    [
        "generic-subprocessor-report.json", "ocsf-detection-finding-exfil.json", "sentinel-incident-ransomware.json", "splunk-webhook-vpn-bruteforce.json",
        "elastic-alert-bucket-access.json", "qradar-offense-exfil.json", "pagerduty-trigger-db-exposure.json", "ocsf-incident-finding-ransomware.json",
    ];

    private TestApp? _app;

    public async ValueTask InitializeAsync() =>
        _app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [FsCheck.Xunit.Property(MaxTest = 120)]
    public void Post_MutatedFixture_NeverAnswers5xxAndRefusalsStoreNothing(NonNegativeInt fixture, int seed, byte mutations, string? noise)
    {
        var random = new Random(seed);
        var body = Mutate(JsonNode.Parse(TestApp.Fixture(Fixtures[fixture.Get % Fixtures.Length]))!, random, 1 + (mutations % 6), noise);
        var text = random.Next(10) == 0 ? body.ToJsonString()[..Math.Max(1, random.Next(body.ToJsonString().Length))] : body.ToJsonString();

        var before = StorageProbe.RowCountAsync(azurite, _app!.Prefix).GetAwaiter().GetResult();
        using var response = _app.PostDetectionAsync(text).GetAwaiter().GetResult();
        var after = StorageProbe.RowCountAsync(azurite, _app.Prefix).GetAwaiter().GetResult();

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {text}");
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.BadRequest });
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            Assert.Equal(before, after);
        }
    }

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public void Post_MutatedCefText_NeverAnswers5xxAndRefusalsStoreNothing(int seed, byte mutations, string? noise)
    {
        var random = new Random(seed);
        var text = new System.Text.StringBuilder(TestApp.Fixture("cef-dlp-exfil.log"));
        string[] pieces = ["|", "=", "\\", " ", "\n", "CEF:0|", " rt=", " externalId=", "\\|", noise ?? ""];
        for (var i = 0; i < 1 + (mutations % 8); i++)
        {
            var at = random.Next(text.Length + 1);
            if (random.Next(2) == 0 || at == text.Length)
            {
                text.Insert(at, pieces[random.Next(pieces.Length)]);
            }
            else
            {
                text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(30)));
            }
        }

        var before = StorageProbe.RowCountAsync(azurite, _app!.Prefix).GetAwaiter().GetResult();
        using var response = _app.PostCefAsync(text.ToString()).GetAwaiter().GetResult();
        var after = StorageProbe.RowCountAsync(azurite, _app.Prefix).GetAwaiter().GetResult();

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.BadRequest });
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            Assert.Equal(before, after);
        }
    }

    /// <summary>
    /// Invalid UTF-8 or an escaped lone surrogate at the start of any string (a value or a name) of any format's
    /// fixture: always a 400 naming a path, never a 5xx, nothing stored.
    /// </summary>
    [FsCheck.Xunit.Property(MaxTest = 60)]
    public void Post_BadTextInAnyStringOfAnyFormat_Answers400AndStoresNothing(NonNegativeInt fixture, NonNegativeInt position, byte kind)
    {
        var json = TestApp.Fixture(Fixtures[fixture.Get % Fixtures.Length]);
        var starts = System.Text.RegularExpressions.Regex.Matches(json, "(?<!\\\\)\"").Select(m => m.Index + 1).Where((_, i) => i % 2 == 0).ToList();
        var at = starts[position.Get % starts.Count];
        byte[] bad = (kind % 4) switch
        {
            0 => [0xC3, 0x28],
            1 => [0xED, 0xA0, 0x80],
            2 => System.Text.Encoding.ASCII.GetBytes("\\ud800"),
            _ => System.Text.Encoding.ASCII.GetBytes("\\udc00x"),
        };
        byte[] body = [.. System.Text.Encoding.UTF8.GetBytes(json[..at]), .. bad, .. System.Text.Encoding.UTF8.GetBytes(json[at..])];

        var before = StorageProbe.RowCountAsync(azurite, _app!.Prefix).GetAwaiter().GetResult();
        using var response = _app.Http.SendAsync(HostileRequests.SignedIngest(body)).GetAwaiter().GetResult();
        var after = StorageProbe.RowCountAsync(azurite, _app.Prefix).GetAwaiter().GetResult();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = System.Text.Json.JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement;
        Assert.StartsWith("$", problem.GetProperty("errors").EnumerateObject().First().Name, StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    private static JsonNode Mutate(JsonNode root, Random random, int count, string? noise)
    {
        for (var i = 0; i < count; i++)
        {
            var containers = Containers(root).ToList();
            var target = containers[random.Next(containers.Count)];
            JsonNode? replacement = random.Next(6) switch
            {
                0 => null,
                1 => noise,
                2 => random.NextInt64(long.MinValue, long.MaxValue),
                3 => new JsonArray(noise, -1, null),
                4 => new JsonObject { ["nested"] = noise },
                _ => random.Next(2) == 0,
            };
            if (target is JsonObject obj && obj.Count > 0)
            {
                var key = obj.ElementAt(random.Next(obj.Count)).Key;
                if (random.Next(3) == 0)
                {
                    obj.Remove(key);
                }
                else
                {
                    obj[key] = replacement;
                }
            }
            else if (target is JsonArray array && array.Count > 0)
            {
                array[random.Next(array.Count)] = replacement;
            }
        }

        return root;
    }

    private static IEnumerable<JsonNode> Containers(JsonNode? node) => node switch
    {
        JsonObject obj => new[] { node }.Concat(obj.Select(p => p.Value).ToList().SelectMany(Containers)),
        JsonArray array => new[] { node }.Concat(array.ToList().SelectMany(Containers)),
        _ => [],
    };
}
