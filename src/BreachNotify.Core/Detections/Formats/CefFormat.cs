using System.Globalization;

namespace BreachNotify.Detections.Formats;

/// <summary>
/// ArcSight Common Event Format (CEF 0 and 1) as text: one event per line, blank lines skipped, an optional syslog
/// prefix before <c>CEF:</c> ignored (<c>&lt;134&gt;Nov 25 10:00:00 host CEF:0|...</c>). Not an <see cref="IDetectionFormat"/>:
/// those read JSON items, this reads a text body; errors are named <c>line N</c> (the line's number in the body).
/// </summary>
/// <remarks>
/// <para>
/// <b>Validity.</b> The header decides: a line without <c>CEF:</c>, with fewer than seven header fields, a version other
/// than 0 or 1, no Name, no Device Event Class ID, or a Severity that is neither 0-10 nor Unknown, Low, Medium, High,
/// Very-High is an error and the whole body is refused, as for JSON. Extension values never are: one device's odd field
/// must not lose the other events of a batch, so a value that does not parse (a time, a count) is kept as evidence as sent.
/// </para>
/// <para>
/// <b>Id.</b> <c>externalId</c> when present (the device's own id of the event), qualified by vendor and product because
/// one CEF stream carries many devices: <c>Vendor|Product|externalId</c>. Without it, <c>Vendor|Product|ClassId|HASH</c>,
/// the hash over vendor, product, class id, the time (<c>rt</c>, else <c>start</c>, else <c>end</c>, as sent) and both
/// ends (<c>src</c>, <c>shost</c>, <c>dst</c>, <c>dhost</c>), so a resend of the event is a duplicate and a later
/// occurrence is a new detection; an event without any time hashes its whole text from <c>CEF:</c> on instead, so that
/// only an identical resend is a duplicate.
/// </para>
/// <para>
/// <b>Fields.</b> Title = Name; Description = <c>msg</c>; DetectedAt = <c>rt</c>, else <c>start</c>, else <c>end</c> (epoch
/// milliseconds or <c>MMM dd yyyy HH:mm:ss[.SSS][ zone]</c>, see <see cref="CefTime"/>); Severity 0-3 low, 4-6 medium, 7-8
/// high, 9-10 critical, or the words (Very-High is critical). Categories: <c>cat</c> (and its <c>/</c>-separated parts),
/// <c>act</c>, and any <c>csN</c> whose <c>csNLabel</c> names a tactic, technique or MITRE ATT&amp;CK (split on <c>,</c> and
/// <c>;</c>). Data categories: a <c>csN</c> labelled as data categories. Approx. records: a <c>cnN</c> labelled as records or
/// rows. Other labelled <c>csN</c>/<c>cnN</c> are evidence under their label.
/// </para>
/// <para>
/// <b>Assets.</b> The destination (<c>dhost</c>, <c>dst</c>, the host of <c>request</c>) is the side attacked, as in the
/// other formats; with <c>deviceDirection=1</c> (outbound, as exfiltration is reported) the source (<c>shost</c>, <c>src</c>)
/// is ours and the destination the outside. The other side is evidence. The reporting device (<c>dvchost</c>, <c>dvc</c>)
/// is evidence: usually a sensor (firewall, DLP, IDS), not where the data is. Files (<c>fname</c>, <c>filePath</c>) are
/// evidence and may name a customer. User names, ids and addresses (<c>suser</c>, <c>duser</c>, <c>suid</c>, <c>duid</c>,
/// labels naming a user or mail) are never kept: personal data the notification does not need.
/// </para>
/// </remarks>
public sealed class CefFormat
{
    private static readonly string[] Custom = ["cs1", "cs2", "cs3", "cs4", "cs5", "cs6", "cn1", "cn2", "cn3", "flexString1", "flexString2", "flexNumber1", "flexNumber2"];

    private static readonly string[] PlainEvidence =
    [
        "fname", "filePath", "fileHash", "fileType", "fsize", "outcome", "reason", "app", "proto", "dpt", "cnt", "dvchost", "dvc", "deviceExternalId",
    ];

    private static readonly char[] ListSeparators = [',', ';'];

    private static readonly string[] LineEnds = ["\r\n", "\n", "\r"];

    public string Name => DetectionFormats.Cef;

    /// <summary>Every event of <paramref name="text"/>, or every line that is wrong.</summary>
    public DetectionParseResult Parse(string text, string source)
    {
        var lines = new List<(int Number, string Text)>();
        var number = 0;
        // Lines end in LF, CRLF or a lone CR (as some syslog relays send them): each is one event.
        foreach (var line in text.TrimStart('\uFEFF').Split(LineEnds, StringSplitOptions.None))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (lines.Count == DetectionParser.MaxItemsPerBody)
            {
                return DetectionParseResult.Invalid("body", $"at most {DetectionParser.MaxItemsPerBody} events per request");
            }

            lines.Add((number, line));
        }

        if (lines.Count == 0)
        {
            return DetectionParseResult.Invalid("body", "the body holds no CEF event (one per line)");
        }

        var detections = new List<NormalizedDetection>(lines.Count);
        var errors = new List<FieldError>();
        foreach (var (lineNumber, line) in lines)
        {
            var result = ParseLine(line, source, $"line {lineNumber}");
            if (result.IsValid)
            {
                detections.AddRange(result.Detections);
            }
            else
            {
                errors.AddRange(result.Errors);
            }
        }

        return errors.Count > 0 ? DetectionParseResult.Invalid(errors) : DetectionParseResult.Success(detections);
    }

    private DetectionParseResult ParseLine(string line, string source, string path)
    {
        if (CefLine.Read(line, out var error) is not { } cef)
        {
            return DetectionParseResult.Invalid(path, error!);
        }

        var draft = new DetectionDraft(path);
        if (cef.Version.Trim() is not ("0" or "1"))
        {
            draft.Error("version", "must be 0 or 1 (CEF:0 or CEF:1)");
        }

        var vendor = JsonFields.Clean(cef.DeviceVendor, JsonFields.MaxIdLength);
        var product = JsonFields.Clean(cef.DeviceProduct, JsonFields.MaxIdLength);
        var classId = JsonFields.Clean(cef.DeviceEventClassId, JsonFields.MaxIdLength);
        var title = JsonFields.Clean(cef.Name, JsonFields.MaxTitleLength);
        if (classId.Length == 0)
        {
            draft.Error("deviceEventClassId", "required: the Device Event Class ID (5th header field)");
        }

        if (title.Length == 0)
        {
            draft.Error("name", "required: the event's Name (6th header field)");
        }

        if (Severity(cef.Severity) is { } severity)
        {
            draft.Severity = severity;
        }
        else
        {
            draft.Error("severity", "must be 0-10 or one of Unknown, Low, Medium, High, Very-High (7th header field)");
        }

        draft.Description = cef.Get("msg");
        ReadTime(cef, draft);
        ReadCategories(cef, draft);
        ReadEnds(cef, draft);
        ReadCustom(cef, draft);
        foreach (var key in PlainEvidence)
        {
            draft.Evidence(key, cef.Get(key));
        }

        draft.Evidence("deviceVendor", vendor);
        draft.Evidence("deviceProduct", product);
        draft.Evidence("deviceVersion", cef.DeviceVersion);
        draft.Evidence("deviceEventClassId", classId);

        return draft.Result(source, Name, SourceId(cef, vendor, product, classId), title);
    }

    private static string SourceId(CefEvent cef, string vendor, string product, string classId)
    {
        if (cef.Get("externalId") is { } externalId)
        {
            return JsonFields.Clean($"{vendor}|{product}|{externalId}", JsonFields.MaxIdLength);
        }

        var time = cef.Get("rt") ?? cef.Get("start") ?? cef.Get("end");
        var key = time is null
            ? cef.Text
            : string.Join('\n', vendor, product, classId, time, cef.Get("src"), cef.Get("shost"), cef.Get("dst"), cef.Get("dhost"));
        return JsonFields.Clean($"{vendor}|{product}|{classId}|{ContentFingerprint.Of(key)[..16]}", JsonFields.MaxIdLength);
    }

    /// <summary>The first of rt, start, end that parses; any that does not is kept as sent.</summary>
    private static void ReadTime(CefEvent cef, DetectionDraft draft)
    {
        foreach (var key in new[] { "rt", "start", "end" })
        {
            if (cef.Get(key) is not { } text)
            {
                continue;
            }

            if (!CefTime.TryParse(text, out var time))
            {
                draft.Evidence(key, text);
            }
            else if (draft.DetectedAt is null)
            {
                draft.DetectedAt = time;
            }
        }
    }

    private static void ReadCategories(CefEvent cef, DetectionDraft draft)
    {
        if (cef.Get("cat") is { } category)
        {
            draft.Category(category);
            // ArcSight-style paths ("/Data/Exfiltration") name each step as a category too.
            if (category.Contains('/', StringComparison.Ordinal))
            {
                draft.Categories(category.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        draft.Category(cef.Get("act"));
    }

    /// <summary>Our side of the event as assets, the other side as evidence (see the remarks on direction).</summary>
    private static void ReadEnds(CefEvent cef, DetectionDraft draft)
    {
        var direction = cef.Get("deviceDirection")?.Trim();
        var outbound = direction == "1" || string.Equals(direction, "outbound", StringComparison.OrdinalIgnoreCase);
        var (ours, theirs) = outbound ? (new[] { "shost", "src" }, new[] { "dhost", "dst" }) : (new[] { "dhost", "dst" }, new[] { "shost", "src" });
        foreach (var key in ours)
        {
            draft.Asset(cef.Get(key));
        }

        foreach (var key in theirs)
        {
            draft.Evidence(key, cef.Get(key));
        }

        if (outbound)
        {
            draft.Evidence("request", cef.Get("request"));
        }
        else
        {
            draft.Url("request", cef.Get("request"));
        }

        draft.Evidence("deviceDirection", cef.Get("deviceDirection"));
    }

    /// <summary>Custom strings and numbers, read by their labels.</summary>
    private static void ReadCustom(CefEvent cef, DetectionDraft draft)
    {
        foreach (var key in Custom)
        {
            if (cef.Get(key) is not { } value)
            {
                continue;
            }

            var label = cef.Get(key + "Label")?.Trim() ?? "";
            var lower = label.ToLowerInvariant();
            if (lower.Contains("user", StringComparison.Ordinal) || lower.Contains("mail", StringComparison.Ordinal))
            {
                continue;
            }

            if (lower.Contains("tactic", StringComparison.Ordinal) || lower.Contains("technique", StringComparison.Ordinal)
                || lower.Contains("mitre", StringComparison.Ordinal) || lower.Contains("att&ck", StringComparison.Ordinal))
            {
                draft.Categories(value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            else if (lower.Contains("data categor", StringComparison.Ordinal))
            {
                foreach (var dataCategory in value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    draft.DataCategory(dataCategory);
                }
            }
            else if (key.StartsWith("cn", StringComparison.Ordinal) && (lower.Contains("record", StringComparison.Ordinal) || lower.Contains("rows", StringComparison.Ordinal))
                && long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var records))
            {
                draft.ApproxRecords ??= records;
            }
            else
            {
                draft.Evidence(label.Length > 0 ? label : key, value);
            }
        }
    }

    /// <summary>The header's Severity on the five-step scale; null when it is neither a number 0-10 nor one of the spec's words.</summary>
    private static DetectionSeverity? Severity(string text)
    {
        var value = text.Trim();
        if (value.Length == 0)
        {
            return DetectionSeverity.Unknown;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number switch
            {
                <= 3 => DetectionSeverity.Low,
                <= 6 => DetectionSeverity.Medium,
                <= 8 => DetectionSeverity.High,
                <= 10 => DetectionSeverity.Critical,
                _ => null,
            };
        }

        return value.ToLowerInvariant().Replace(" ", "-", StringComparison.Ordinal) switch
        {
            "unknown" => DetectionSeverity.Unknown,
            "low" => DetectionSeverity.Low,
            "medium" => DetectionSeverity.Medium,
            "high" => DetectionSeverity.High,
            "very-high" or "veryhigh" or "critical" => DetectionSeverity.Critical,
            _ => null,
        };
    }
}
