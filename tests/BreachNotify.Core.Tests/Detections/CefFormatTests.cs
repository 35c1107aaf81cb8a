using System.Text;
using BreachNotify.Detections;
using BreachNotify.Detections.Formats;
using FsCheck;

namespace BreachNotify.Tests.Detections;

public sealed class CefFormatTests
{
    private const string Header = "CEF:0|Acme|DLP|1.0|100|Data sent out|5|";

    private readonly CefFormat _format = new();

    [Fact]
    public void Parse_FixtureWithSyslogPrefix_ReadsEachLineAsOneDetection()
    {
        var detections = Valid(FixtureText());

        Assert.Equal(2, detections.Count);
        var first = detections[0];
        Assert.Equal("cef", first.Format);
        Assert.Equal("siem-test", first.Source);
        Assert.Equal("Acme Security|DLP Server|DLP-2026-0042", first.SourceId);
        Assert.Equal("Personal data sent to an external host", first.Title);
        Assert.Equal("5000 rows matching policy Employee PII=strict left over HTTPS", first.Description);
        Assert.Equal(Fixtures.Ms(1795000000000), first.DetectedAt);
        Assert.Equal(DetectionSeverity.Critical, first.Severity);
        Assert.Equal(["/Data Loss/Exfiltration", "Data Loss", "Exfiltration", "TA0010", "alerted", "T1048"], first.Categories);
        Assert.Equal(["sqlprod-eu-01.database.windows.net", "10.20.1.15"], first.AssetRefs);
        Assert.Equal(@"C:\exports\contoso\perf_reviews_2026.csv", first.Evidence("filePath"));
        Assert.Equal("198.51.100.77", first.Evidence("dst"));
        Assert.Equal("dlp-mgr01", first.Evidence("dvchost"));
        Assert.Equal(5000, first.ApproxRecords);

        var second = detections[1];
        Assert.Equal("Bulk copy of personal data | second transfer", second.Title);
        Assert.Equal(DetectionSeverity.High, second.Severity);
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 11, 11, 40, 500, TimeSpan.Zero), second.DetectedAt);
        Assert.Equal("Second transfer from the same host\nafter the policy alert", second.Description);
        Assert.Equal(["sqlprod-eu-01.database.windows.net"], second.AssetRefs);
        Assert.StartsWith("Acme Security|DLP Server|DLP-EXFIL-002|", second.SourceId, StringComparison.Ordinal);
        Assert.Equal(["Exfiltration", "TA0010"], second.Categories);
    }

    [Fact]
    public void Parse_UserFields_AreNeverKept()
    {
        var detection = Single(Header + "dhost=db1 suser=j.doe@ntc.example duser=Jane Doe suid=4711 duid=S-1-5-21 cs3Label=User Email cs3=jane@ntc.example cs4Label=Customer cs4=fabrikam");

        var kept = string.Join(" ", detection.Evidence.Select(e => $"{e.Name}={e.Value}"));
        Assert.DoesNotContain("doe", kept, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("4711", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("S-1-5-21", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("jane", kept, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("fabrikam", detection.Evidence("Customer"));
    }

    [Fact]
    public void Parse_ExtensionValues_RunUntilTheNextKeyAndUnescape()
    {
        var detection = Single(Header + @"msg=a b  c\=d \\ e|f request=https://files.example/get?id=7&x=y dhost=h1 fname=x\ny.txt");

        Assert.Equal(@"a b  c=d \ e|f", detection.Description);
        Assert.Equal("https://files.example/get?id=7&x=y", detection.Evidence("request"));
        Assert.Equal(["h1", "files.example"], detection.AssetRefs);
        Assert.Equal("xy.txt", detection.Evidence("fname"));
    }

    [Fact]
    public void Parse_HeaderEscapes_UnescapePipeAndBackslash()
    {
        var detection = Single(@"CEF:0|Ven\|dor|Pro\\duct|1|id-1|Na\|me \\ x|3|dst=10.0.0.9");

        Assert.Equal(@"Na|me \ x", detection.Title);
        Assert.Equal("Ven|dor", detection.Evidence("deviceVendor"));
        Assert.Equal(@"Pro\duct", detection.Evidence("deviceProduct"));
        Assert.Equal(["10.0.0.9"], detection.AssetRefs);
    }

    [Fact]
    public void Parse_FullKeyNames_AreReadAsTheShortOnes()
    {
        var detection = Single(Header + "destinationHostName=db1 destinationAddress=10.0.0.5 message=hello there deviceEventCategory=Exfiltration deviceReceiptTime=1795000000000 deviceCustomString1Label=Tactic deviceCustomString1=Collection");

        Assert.Equal(["db1", "10.0.0.5"], detection.AssetRefs);
        Assert.Equal("hello there", detection.Description);
        Assert.Equal(["Exfiltration", "TA0010", "Collection", "TA0009"], detection.Categories);
        Assert.Equal(Fixtures.Ms(1795000000000), detection.DetectedAt);
    }

    [Fact]
    public void Parse_Inbound_DestinationIsTheAssetAndSourceIsEvidence()
    {
        var detection = Single(Header + "src=203.0.113.9 shost=attacker.example dst=10.20.1.15 dhost=sqlprod-eu-01");

        Assert.Equal(["sqlprod-eu-01", "10.20.1.15"], detection.AssetRefs);
        Assert.Equal("203.0.113.9", detection.Evidence("src"));
        Assert.Equal("attacker.example", detection.Evidence("shost"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("Outbound")]
    public void Parse_Outbound_SourceIsTheAssetAndDestinationIsEvidence(string direction)
    {
        var detection = Single(Header + $"deviceDirection={direction} src=10.20.1.15 dst=198.51.100.77 request=https://paste.example/x");

        Assert.Equal(["10.20.1.15"], detection.AssetRefs);
        Assert.Equal("198.51.100.77", detection.Evidence("dst"));
        Assert.Equal("https://paste.example/x", detection.Evidence("request"));
    }

    [Theory]
    [InlineData("0", DetectionSeverity.Low)]
    [InlineData("3", DetectionSeverity.Low)]
    [InlineData("4", DetectionSeverity.Medium)]
    [InlineData("6", DetectionSeverity.Medium)]
    [InlineData("7", DetectionSeverity.High)]
    [InlineData("8", DetectionSeverity.High)]
    [InlineData("9", DetectionSeverity.Critical)]
    [InlineData("10", DetectionSeverity.Critical)]
    [InlineData("Low", DetectionSeverity.Low)]
    [InlineData("medium", DetectionSeverity.Medium)]
    [InlineData("HIGH", DetectionSeverity.High)]
    [InlineData("Very-High", DetectionSeverity.Critical)]
    [InlineData("Unknown", DetectionSeverity.Unknown)]
    [InlineData("", DetectionSeverity.Unknown)]
    public void Parse_Severity_NumbersAndWordsMapOntoTheScale(string severity, DetectionSeverity expected)
    {
        Assert.Equal(expected, Single($"CEF:0|v|p|1|id|name|{severity}|dst=h").Severity);
    }

    [Theory]
    [InlineData("11")]
    [InlineData("-1")]
    [InlineData("5.5")]
    [InlineData("severe")]
    public void Parse_BadSeverity_IsAnErrorNamingTheLineAndField(string severity)
    {
        var result = _format.Parse($"CEF:0|v|p|1|id|name|{severity}|dst=h", "s");

        Assert.Equal("line 1.severity", Assert.Single(result.Errors).Field);
        Assert.Empty(result.Detections);
    }

    [Fact]
    public void Parse_InvalidLines_ReportEveryLineByNumberAndNoDetection()
    {
        var body = string.Join('\n',
            Header + "dst=ok",
            "",
            "hello world",
            "<134>Nov 18 11:06:41 host CEF:0|a|b|c",
            "CEF:0|v|p|1|id||5|dst=h",
            "CEF:2|v|p|1||name|5|",
            Header + "this is not key value");

        var result = _format.Parse(body, "s");

        Assert.False(result.IsValid);
        Assert.Empty(result.Detections);
        Assert.Equal(["line 3", "line 4", "line 5.name", "line 6.version", "line 6.deviceEventClassId", "line 7"], result.Errors.Select(e => e.Field));
        Assert.StartsWith("not a CEF event", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("too few header fields: 4 of 7", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.StartsWith("extension:", result.Errors[5].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BlankLinesAndCrLf_AreSkippedAndLinesKeepTheirNumbers()
    {
        var result = _format.Parse("\uFEFF\r\n   \r\n" + Header + "dst=h\r\n\r\nnot cef\r\n", "s");

        Assert.Equal("line 5", Assert.Single(result.Errors).Field);
        Assert.Single(Valid("\r\n\t\r\n" + Header + "dst=h\r\n\r\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n \r\n\t\n")]
    public void Parse_NoEvent_IsAnErrorOnTheBody(string body)
    {
        Assert.Equal("body", Assert.Single(_format.Parse(body, "s").Errors).Field);
    }

    [Fact]
    public void Parse_MoreThanTheItemLimit_IsRefusedAndTheLimitItselfIsAccepted()
    {
        string Lines(int count) => string.Join('\n', Enumerable.Range(0, count).Select(i => Header + $"externalId={i} dst=h"));

        Assert.Equal(DetectionParser.MaxItemsPerBody, Valid(Lines(DetectionParser.MaxItemsPerBody)).Count);
        var refused = _format.Parse(Lines(DetectionParser.MaxItemsPerBody + 1), "s");
        Assert.Equal("body", Assert.Single(refused.Errors).Field);
    }

    [Fact]
    public void Parse_WithoutHeaderPipeBeforeAnEmptyExtension_IsValid()
    {
        var detection = Single("CEF:1|v|p|1|id|Only a header|Low");

        Assert.Equal("Only a header", detection.Title);
        Assert.Empty(detection.AssetRefs);
    }

    [Fact]
    public void Parse_WithoutExternalId_ResendThroughAnotherRelayIsTheSameIdAndAnotherTimeIsNot()
    {
        const string Event = "CEF:0|Acme|DLP|1.0|100|Data sent out|5|rt=1795000000000 src=10.0.0.1 dst=10.0.0.2 msg=first";

        var first = Single("<134>Nov 18 11:06:41 relay-a " + Event);
        var resent = Single("<13>Nov 18 11:09:00 relay-b " + Event.Replace("msg=first", "msg=reworded", StringComparison.Ordinal));
        var later = Single(Event.Replace("rt=1795000000000", "rt=1795000060000", StringComparison.Ordinal));

        Assert.Equal(first.SourceId, resent.SourceId);
        Assert.NotEqual(first.SourceId, later.SourceId);
        Assert.StartsWith("Acme|DLP|100|", first.SourceId, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithoutExternalIdOrTime_OnlyTheSameTextIsTheSameId()
    {
        var first = Single(Header + "dst=h msg=one");
        var again = Single("<134>Nov 18 11:06:41 relay " + Header + "dst=h msg=one");
        var other = Single(Header + "dst=h msg=two");

        Assert.Equal(first.SourceId, again.SourceId);
        Assert.NotEqual(first.SourceId, other.SourceId);
    }

    [Fact]
    public void Parse_ExternalIdOfAnotherDevice_IsAnotherId()
    {
        var dlp = Single("CEF:0|Acme|DLP|1|100|x|5|externalId=42");
        var firewall = Single("CEF:0|Acme|Firewall|1|100|x|5|externalId=42");

        Assert.NotEqual(dlp.SourceId, firewall.SourceId);
    }

    [Theory]
    [InlineData("1795000000000", "2026-11-18T11:06:40Z")]
    [InlineData("Nov 18 2026 11:06:40", "2026-11-18T11:06:40Z")]
    [InlineData("Nov 18 2026 11:06:40.250 UTC", "2026-11-18T11:06:40.25Z")]
    [InlineData("Nov 18 2026 12:06:40 +01:00", "2026-11-18T11:06:40Z")]
    [InlineData("Nov  8 2026 06:06:40 GMT-0500", "2026-11-08T11:06:40Z")]
    [InlineData("2026-11-18T11:06:40Z", "2026-11-18T11:06:40Z")]
    public void Parse_Times_EpochMillisecondsCefDatesAndIso(string rt, string expected)
    {
        var detection = Single(Header + $"rt={rt} dst=h");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), detection.DetectedAt);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("Nov 18 11:06:40")]
    [InlineData("Nov 18 2026 11:06:40 PST")]
    [InlineData("99999999999999999999")]
    public void Parse_TimeThatDoesNotParse_IsKeptAsEvidenceNotRefused(string rt)
    {
        var detection = Single(Header + $"rt={rt} start=1795000000000 dst=h");

        Assert.Equal(rt, detection.Evidence("rt"));
        Assert.Equal(Fixtures.Ms(1795000000000), detection.DetectedAt);
    }

    [Fact]
    public void Parse_CustomFields_ByLabel()
    {
        var detection = Single(Header + "dst=h cs1Label=Data Categories cs1=health; payroll cs2Label=Policy cs2=PII strict cn1Label=Affected rows cn1=1200 cn2Label=Score cn2=87 cs5=unlabelled");

        Assert.Equal(["health", "payroll"], detection.DataCategories);
        Assert.Equal(1200, detection.ApproxRecords);
        Assert.Equal("PII strict", detection.Evidence("Policy"));
        Assert.Equal("87", detection.Evidence("Score"));
        Assert.Equal("unlabelled", detection.Evidence("cs5"));
    }

    [Fact]
    public void Parse_SameTextTwice_GivesTheSameFingerprint()
    {
        Assert.Equal(Valid(FixtureText())[1].Fingerprint(), Valid(FixtureText())[1].Fingerprint());
    }

    /// <summary>Whatever arrives (random text, or the fixture cut, spliced and sprinkled with separators), Parse answers.</summary>
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public void Parse_RandomOrMutatedText_NeverThrowsAndIsDetectionsOrErrorsNeverBoth(int seed, byte mutations, string? noise)
    {
        var random = new Random(seed);
        var text = random.Next(5) == 0 ? noise ?? "" : Mutate(FixtureText(), random, mutations % 10, noise ?? "");

        var result = _format.Parse(text, "prop");

        Assert.True(result.IsValid ? result.Detections.Count > 0 && result.Errors.Count == 0 : result.Errors.Count > 0 && result.Detections.Count == 0);
        Assert.All(result.Errors, e => Assert.Matches(@"^(body|line \d+(\..+)?)$", e.Field));
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public void Parse_TextWithoutCefHeader_IsOnlyErrors(NonEmptyString text)
    {
        var body = text.Get.Replace("CEF:", "CEF;", StringComparison.Ordinal);

        var result = _format.Parse(body, "prop");

        Assert.False(result.IsValid);
        Assert.Empty(result.Detections);
    }

    /// <summary>A name and message escaped as the spec says read back as sent (cleaned as every format cleans text).</summary>
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public void Parse_EscapedNameAndMessage_ReadBackAsSent(NonEmptyString name, string? message)
    {
        var title = name.Get.Replace('\n', ' ').Replace('\r', ' ');
        var msg = message ?? "";
        var line = $"CEF:0|v|p|1|id|{EscapeHeader(title)}|5|dst=h msg={EscapeExtension(msg)}";

        var result = _format.Parse(line, "prop");

        if (JsonFields.Clean(title, JsonFields.MaxTitleLength).Length == 0)
        {
            Assert.Equal("line 1.name", Assert.Single(result.Errors).Field);
            return;
        }

        var detection = Assert.Single(result.Detections);
        Assert.Equal(JsonFields.Clean(title, JsonFields.MaxTitleLength), detection.Title);
        Assert.Equal(JsonFields.Clean(msg, JsonFields.MaxTextLength), detection.Description ?? "");
    }

    [Fact]
    public void Parse_LinesEndingInALoneCr_AreSeparateEvents_WithTheirLineNumbers()
    {
        var text = FixtureText().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\n', '\r');

        Assert.Equal(2, Valid(text).Count);
        var broken = _format.Parse("\r\r" + Header + "rt=1795000000000 externalId=ok\rnot a CEF line\r", "siem-test");
        Assert.False(broken.IsValid);
        Assert.Contains(broken.Errors, e => e.Field == "line 4");
    }

    private static string FixtureText() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "siem", "cef-dlp-exfil.log"));

    private static string EscapeHeader(string value) => value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("|", @"\|", StringComparison.Ordinal);

    private static string EscapeExtension(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("=", @"\=", StringComparison.Ordinal)
            .Replace("\n", @"\n", StringComparison.Ordinal).Replace("\r", @"\r", StringComparison.Ordinal);

    private static string Mutate(string text, Random random, int count, string noise)
    {
        string[] pieces = ["|", "=", "\\", " ", "\n", "CEF:", "CEF:0|", " rt=", " externalId=", "\\|", "\\=", "\r\n", noise];
        var builder = new StringBuilder(text);
        for (var i = 0; i < count; i++)
        {
            var at = random.Next(builder.Length + 1);
            switch (random.Next(3))
            {
                case 0:
                    builder.Insert(at, pieces[random.Next(pieces.Length)]);
                    break;
                case 1 when at < builder.Length:
                    builder.Remove(at, Math.Min(builder.Length - at, 1 + random.Next(20)));
                    break;
                default:
                    builder.Insert(at, (char)random.Next(0, 0x3000));
                    break;
            }
        }

        return builder.ToString();
    }

    private NormalizedDetection Single(string line) => Assert.Single(Valid(line));

    private List<NormalizedDetection> Valid(string text)
    {
        var result = _format.Parse(text, "siem-test");
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return [.. result.Detections];
    }
}
