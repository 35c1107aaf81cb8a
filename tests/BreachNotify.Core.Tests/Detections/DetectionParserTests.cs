using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.Detections.Formats;
using FsCheck;
using FsCheck.Fluent;

namespace BreachNotify.Tests.Detections;

public sealed class DetectionParserTests
{
    private static readonly string[] FixtureNames =
    [
        "ocsf-detection-finding-exfil.json", "ocsf-incident-finding-ransomware.json", "ocsf-data-security-finding-dlp.json",
        "sentinel-incident-ransomware.json", "sentinel-incident-ransomware-update.json", "sentinel-incident-bare.json",
        "splunk-webhook-vpn-bruteforce.json", "elastic-alert-bucket-access.json", "elastic-alert-nested-ecs.json",
        "qradar-offense-exfil.json", "pagerduty-trigger-db-exposure.json", "pagerduty-resolve-db-exposure.json",
        "generic-subprocessor-report.json",
    ];

    private readonly DetectionParser _parser = new(DetectionFormatCatalog.All);

    [Theory]
    [InlineData("ocsf-detection-finding-exfil.json", "ocsf", "det-7f3a9c21")]
    [InlineData("ocsf-incident-finding-ransomware.json", "ocsf", "fnd-ransom-0001")]
    [InlineData("ocsf-data-security-finding-dlp.json", "ocsf", "dsf-20261122-0007")]
    [InlineData("sentinel-incident-ransomware.json", "sentinel", "5b2f0c5e-1111-4c1a-9d2e-000000000042")]
    [InlineData("sentinel-incident-bare.json", "sentinel", "7c4d1a90-2222-4e3b-8f10-000000000077")]
    [InlineData("splunk-webhook-vpn-bruteforce.json", "splunk", "scheduler__admin__search__RMD5a1b2c3d4_at_1795000000_1234")]
    [InlineData("elastic-alert-bucket-access.json", "elastic", "a1b2c3d4e5f6")]
    [InlineData("elastic-alert-nested-ecs.json", "elastic", "9f1e77aa3c0b4d6e8e2a")]
    [InlineData("qradar-offense-exfil.json", "qradar", "4127")]
    [InlineData("pagerduty-trigger-db-exposure.json", "pagerduty", "dbexposure-sqlprod-eu-01")]
    [InlineData("generic-subprocessor-report.json", "generic", "LLM-SEC-2026-0117")]
    public void Parse_EachFixtureWithoutFormat_IsRecognisedAsItsOwnFormat(string fixture, string format, string sourceId)
    {
        var result = _parser.Parse(Fixtures.Siem(fixture), "siem-1");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var detection = Assert.Single(result.Detections);
        Assert.Equal(format, detection.Format);
        Assert.Equal(sourceId, detection.SourceId);
        Assert.Equal("siem-1", detection.Source);
    }

    [Fact]
    public void Catalog_NoFixtureIsRecognisedByTwoFormats()
    {
        var elastic = new ElasticFormat();
        foreach (var name in FixtureNames)
        {
            var body = Fixtures.Siem(name);
            var items = ((IDetectionFormat)elastic).Unwrap(body) ?? [body];
            foreach (var item in items)
            {
                var recognisers = DetectionFormatCatalog.All.Where(f => f.Recognizes(item)).Select(f => f.Name).ToList();
                Assert.True(recognisers.Count == 1, $"{name}: {string.Join(", ", recognisers)}");
            }
        }
    }

    [Fact]
    public void Catalog_ListsEveryNamedFormatOnceWithGenericLast()
    {
        var names = DetectionFormatCatalog.All.Select(f => f.Name).ToList();

        Assert.Equal(
            [DetectionFormats.Ocsf, DetectionFormats.Sentinel, DetectionFormats.Elastic, DetectionFormats.Splunk, DetectionFormats.QRadar, DetectionFormats.PagerDuty, DetectionFormats.Generic],
            names);
    }

    [Fact]
    public void Parse_ArrayOfDifferentFormats_ParsesEachItem()
    {
        var body = Fixtures.Json($"[{Raw("ocsf-detection-finding-exfil.json")},{Raw("qradar-offense-exfil.json")},{Raw("pagerduty-resolve-db-exposure.json")}]");

        var result = _parser.Parse(body, "mixed");

        Assert.True(result.IsValid);
        Assert.Equal(["ocsf", "qradar", "pagerduty"], result.Detections.Select(d => d.Format));
        Assert.Equal(["det-7f3a9c21", "4127", "dbexposure-sqlprod-eu-01"], result.Detections.Select(d => d.SourceId));
    }

    [Fact]
    public void Parse_ElasticWrapperWithSeveralAlerts_GivesOneDetectionPerAlertTitledByTheRule()
    {
        var body = Fixtures.Json("""
            { "rule": { "name": "Wrapper rule" }, "context": { "alerts": [
                { "kibana.alert.uuid": "a1", "host.name": "h1" },
                { "kibana": { "alert": { "uuid": "a2", "rule": { "name": "Own rule" } } }, "host": { "name": "h2" } } ] } }
            """);

        var result = _parser.Parse(body, "kibana");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(["a1", "a2"], result.Detections.Select(d => d.SourceId));
        Assert.Equal(["Wrapper rule", "Own rule"], result.Detections.Select(d => d.Title));
        Assert.Equal(["h1"], result.Detections[0].AssetRefs);
    }

    [Fact]
    public void Parse_ArrayOfElasticWrappers_UnwrapsEach()
    {
        var body = Fixtures.Json($"[{Raw("elastic-alert-bucket-access.json")},{Raw("elastic-alert-bucket-access.json")}]");

        var result = _parser.Parse(body, "kibana");

        Assert.Equal(["a1b2c3d4e5f6", "a1b2c3d4e5f6"], result.Detections.Select(d => d.SourceId));
    }

    [Fact]
    public void Parse_ForcedFormat_ParsesWithItEvenWhenAnotherWouldRecogniseTheItem()
    {
        var result = _parser.Parse(Fixtures.Siem("splunk-webhook-vpn-bruteforce.json"), "s", "Sentinel");

        Assert.False(result.IsValid);
        Assert.Equal("$.properties", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Parse_ForcedFormat_MatchesNameCaseInsensitively()
    {
        var result = _parser.Parse(Fixtures.Siem("qradar-offense-exfil.json"), "s", "QRADAR");

        Assert.Equal("4127", Assert.Single(result.Detections).SourceId);
    }

    [Fact]
    public void Parse_UnknownForcedFormat_NamesTheSupportedOnes()
    {
        var result = _parser.Parse(Fixtures.Siem("qradar-offense-exfil.json"), "s", "arcsight");

        var error = Assert.Single(result.Errors);
        Assert.Equal("format", error.Field);
        Assert.Contains("ocsf, sentinel, elastic, splunk, qradar, pagerduty, generic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnrecognisedItem_IsAnErrorNamingTheFormats()
    {
        var result = _parser.Parse(Fixtures.Json("""{ "hello": "world" }"""), "s");

        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Field);
        Assert.StartsWith("not a detection in any supported format", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MixedValidAndInvalidItems_ReturnsEveryErrorAndNoDetections()
    {
        var body = Fixtures.Json($$"""
            [ {{Raw("qradar-offense-exfil.json")}},
              { "class_uid": 2004, "finding_info": { "title": "no uid" } },
              42,
              { "sid": "", "result": { } },
              { "unknown": true } ]
            """);

        var result = _parser.Parse(body, "s");

        Assert.False(result.IsValid);
        Assert.Empty(result.Detections);
        Assert.Equal(
            ["$[1].finding_info.uid", "$[1].time", "$[2]", "$[3].sid", "$[4]"],
            result.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_SameContentTwice_GivesTheSameFingerprint()
    {
        var first = Assert.Single(_parser.Parse(Fixtures.Siem("ocsf-detection-finding-exfil.json"), "s").Detections);
        var second = Assert.Single(_parser.Parse(Fixtures.Siem("ocsf-detection-finding-exfil.json"), "s").Detections);

        Assert.Equal(first.Fingerprint(), second.Fingerprint());
    }

    [Fact]
    public void Parse_HugeEpochNumbers_AreFieldErrorsNotExceptions()
    {
        var body = Fixtures.Json("""{ "class_uid": 2004, "time": 999999999999999999, "finding_info": { "uid": "u", "title": "t", "created_time": -99999999999999 } }""");

        var result = _parser.Parse(body, "s");

        Assert.Equal(["$.finding_info.created_time", "$.time"], result.Errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Parse_UntrustedStrings_AreCleanedAndBounded()
    {
        var longTitle = new string('x', 2_000);
        var body = Fixtures.Json($$"""{ "sid": "a\u0000b", "search_name": "{{longTitle}}", "result": { "host": "h\u0007ost" } }""");

        var detection = Assert.Single(_parser.Parse(body, "s").Detections);

        Assert.Equal("ab", detection.SourceId);
        Assert.Equal(500, detection.Title.Length);
        Assert.Equal(["host"], detection.AssetRefs);
    }

    /// <summary>Whatever arrives (fixtures with values swapped, dropped or retyped, or random JSON), Parse answers.</summary>
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public void Parse_RandomOrMutatedJson_NeverThrows(NonNegativeInt fixtureIndex, int seed, byte mutations, string? noise)
    {
        var random = new Random(seed);
        var document = Mutate(System.Text.Json.Nodes.JsonNode.Parse(Raw(FixtureNames[fixtureIndex.Get % FixtureNames.Length]))!, random, mutations % 12, noise);
        var body = JsonSerializer.SerializeToElement(document);
        var format = random.Next(4) == 0 ? DetectionFormatCatalog.All[random.Next(DetectionFormatCatalog.All.Count)].Name : null;

        var result = _parser.Parse(body, "prop", format);

        Assert.True(result.IsValid ? result.Detections.Count > 0 && result.Errors.Count == 0 : result.Errors.Count > 0);
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public void Parse_ArbitraryScalarsAndArrays_NeverThrow(string? text, int number, bool flag)
    {
        foreach (var json in new[] { JsonSerializer.Serialize(text), number.ToString(System.Globalization.CultureInfo.InvariantCulture), flag ? "true" : "null", $"[{JsonSerializer.Serialize(text)},[],{{}}]" })
        {
            var result = _parser.Parse(Fixtures.Json(json), "prop");
            Assert.False(result.IsValid);
        }
    }

    /// <summary>
    /// Any string of any format's fixture (a value or a property name, anywhere) holding invalid UTF-8 or a lone surrogate
    /// escape, whether the format is recognised or forced: never a throw, always an error naming where the bad text is.
    /// </summary>
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public void Parse_InvalidUtf8OrLoneSurrogateInAnyString_IsInvalidNamingThePath_NeverThrows(NonNegativeInt fixtureIndex, NonNegativeInt position, byte kind, bool force)
    {
        var fixture = FixtureNames[fixtureIndex.Get % FixtureNames.Length];
        var raw = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "siem", fixture));
        var starts = System.Text.RegularExpressions.Regex.Matches(raw, "(?<!\\\\)\"").Select(m => m.Index + 1).Where((_, i) => i % 2 == 0).ToList();
        var at = starts[position.Get % starts.Count];
        byte[] bad = (kind % 4) switch
        {
            0 => [0xC3, 0x28],
            1 => [0xFF],
            2 => System.Text.Encoding.ASCII.GetBytes("\\ud800"),
            _ => System.Text.Encoding.ASCII.GetBytes("x\\udfffy"),
        };
        byte[] body = [.. System.Text.Encoding.UTF8.GetBytes(raw[..at]), .. bad, .. System.Text.Encoding.UTF8.GetBytes(raw[at..])];
        using var document = JsonDocument.Parse(body);
        var format = force ? _parser.Parse(Fixtures.Siem(fixture), "prop").Detections.FirstOrDefault()?.Format : null;

        var result = _parser.Parse(document.RootElement, "prop", format);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Message == JsonText.Problem && e.Field.StartsWith('$'));
    }

    private static string Raw(string fixture) => Fixtures.Siem(fixture).GetRawText();

    private static System.Text.Json.Nodes.JsonNode? Mutate(System.Text.Json.Nodes.JsonNode? node, Random random, int count, string? noise)
    {
        for (var i = 0; i < count; i++)
        {
            var containers = Containers(node).ToList();
            var target = containers[random.Next(containers.Count)];
            System.Text.Json.Nodes.JsonNode? replacement = random.Next(7) switch
            {
                0 => null,
                1 => noise,
                2 => random.NextInt64(long.MinValue, long.MaxValue),
                3 => random.NextDouble() * 1e20,
                4 => new System.Text.Json.Nodes.JsonArray(noise, 1, null),
                5 => new System.Text.Json.Nodes.JsonObject { ["kibana.alert.uuid"] = noise, ["class_uid"] = 2005 },
                _ => random.Next(2) == 0,
            };

            switch (target)
            {
                case System.Text.Json.Nodes.JsonObject obj when obj.Count > 0:
                    var key = obj.ElementAt(random.Next(obj.Count)).Key;
                    if (random.Next(3) == 0)
                    {
                        obj.Remove(key);
                    }
                    else
                    {
                        obj[key] = replacement;
                    }

                    break;
                case System.Text.Json.Nodes.JsonArray array when array.Count > 0:
                    array[random.Next(array.Count)] = replacement;
                    break;
                default:
                    break;
            }
        }

        return node;
    }

    private static IEnumerable<System.Text.Json.Nodes.JsonNode> Containers(System.Text.Json.Nodes.JsonNode? node)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject obj:
                yield return obj;
                foreach (var child in obj.Select(p => p.Value).ToList())
                {
                    foreach (var inner in Containers(child))
                    {
                        yield return inner;
                    }
                }

                break;
            case System.Text.Json.Nodes.JsonArray array:
                yield return array;
                foreach (var child in array.ToList())
                {
                    foreach (var inner in Containers(child))
                    {
                        yield return inner;
                    }
                }

                break;
            default:
                break;
        }
    }
}
