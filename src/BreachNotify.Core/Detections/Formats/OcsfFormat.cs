using System.Text.Json;

namespace BreachNotify.Detections.Formats;

/// <summary>
/// OCSF findings: Detection Finding (2004), Incident Finding (2005) and Data Security Finding (2006).
/// </summary>
/// <remarks>
/// The id is <c>finding_info.uid</c> for 2004 and 2006. An Incident Finding has no incident uid in the schema, so for
/// 2005 the id is a top-level <c>uid</c> when the producer adds one, otherwise <c>finding_info_list[0].uid</c> (the
/// finding the incident was opened for). <c>metadata.uid</c> is never used: it names one event, so every update of
/// the same incident would carry a new one and defeat de-duplication. An incident whose first finding was posted
/// before as a 2004 therefore joins that detection, which is what we want: one incident, one notice.
/// </remarks>
public sealed class OcsfFormat : IDetectionFormat
{
    private const int DetectionFinding = 2004;
    private const int IncidentFinding = 2005;
    private const int DataSecurityFinding = 2006;

    public string Name => DetectionFormats.Ocsf;

    public bool Recognizes(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object
        && item.TryGetProperty("class_uid", out var classUid)
        && classUid.ValueKind == JsonValueKind.Number
        && classUid.TryGetInt32(out var value)
        && value is DetectionFinding or IncidentFinding or DataSecurityFinding;

    public DetectionParseResult Parse(JsonElement item, string source, string path)
    {
        var draft = new DetectionDraft(path);
        if (!item.TryGetProperty("class_uid", out var classElement)
            || classElement.ValueKind != JsonValueKind.Number
            || !classElement.TryGetInt32(out var classUid)
            || classUid is not (DetectionFinding or IncidentFinding or DataSecurityFinding))
        {
            return DetectionParseResult.Invalid(draft.FieldPath("class_uid"), "must be 2004 (Detection Finding), 2005 (Incident Finding) or 2006 (Data Security Finding)");
        }

        var time = draft.OptionalTime(item, "time");
        if (item.At("time") is null or { ValueKind: JsonValueKind.Null })
        {
            draft.Error("time", "required: the event time in epoch milliseconds");
        }

        string? sourceId;
        string? title;
        DateTimeOffset? created;
        if (classUid == IncidentFinding)
        {
            (sourceId, title, created) = ReadIncident(item, draft);
        }
        else
        {
            (sourceId, title, created) = ReadFinding(item, draft);
        }

        draft.DetectedAt = created ?? time;
        draft.Severity = ReadSeverity(item, draft);
        draft.SourceStatus = item.Text("status") ?? StatusName(draft.OptionalInteger(item, "status_id"));
        draft.SuspectedBreach = draft.OptionalBoolean(item, "is_suspected_breach");
        if (classUid == IncidentFinding)
        {
            draft.Description ??= item.Text("desc");
        }

        draft.Description ??= item.Text("message");

        ReadAttacks(item, draft);
        foreach (var resource in item.Objects("resources"))
        {
            draft.Asset(resource.Text("uid"));
            draft.Asset(resource.Text("name"));
            draft.Asset(resource.Text("hostname"));
            draft.Asset(resource.Text("ip"));
            draft.Evidence("resource.labels", resource.Strings("labels"));
            draft.Evidence("resource.region", resource.Text("region"));
        }

        foreach (var evidence in item.Objects("evidences"))
        {
            ReadArtifacts(evidence, draft);
        }

        // Data Security Findings (and some producers of the others) put the artifacts at the top level.
        ReadArtifacts(item, draft);
        draft.Asset(item.Text("databucket.uid"));
        draft.Asset(item.Text("databucket.name"));
        draft.Asset(item.Text("database.uid"));
        draft.Asset(item.Text("database.name"));
        draft.Evidence("table.name", item.Text("table.name"));
        ReadDataSecurity(item, draft);

        draft.Evidence("metadata.tenant_uid", item.Text("metadata.tenant_uid"));
        draft.Evidence("metadata.product.name", item.Text("metadata.product.name"));
        draft.Evidence("cloud.account.uid", item.Text("cloud.account.uid"));
        draft.Evidence("cloud.region", item.Text("cloud.region"));

        return draft.Result(source, Name, sourceId, title);
    }

    private static (string? Id, string? Title, DateTimeOffset? Created) ReadFinding(JsonElement item, DetectionDraft draft)
    {
        if (item.At("finding_info") is not { ValueKind: JsonValueKind.Object } info)
        {
            draft.Error("finding_info", "required: an object with the finding's uid");
            return (null, null, null);
        }

        var id = draft.RequiredId(item, "finding_info.uid");
        var title = draft.OptionalText(item, "finding_info.title", JsonFields.MaxTitleLength);
        draft.Description = draft.OptionalText(item, "finding_info.desc", JsonFields.MaxTextLength);
        var created = draft.OptionalTime(item, "finding_info.created_time");
        if (draft.OptionalTime(item, "finding_info.first_seen_time") is { } firstSeen)
        {
            draft.Evidence("first_seen_time", firstSeen.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        ReadFindingInfo(info, draft);
        return (id, title ?? Fallback(item, id), created);
    }

    private static (string? Id, string? Title, DateTimeOffset? Created) ReadIncident(JsonElement item, DetectionDraft draft)
    {
        if (item.At("finding_info_list") is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() == 0)
        {
            draft.Error("finding_info_list", "required: a non-empty array of the incident's findings");
            return (null, null, null);
        }

        string? id = item.At("uid") is not null ? draft.RequiredId(item, "uid") : null;
        string? firstTitle = null;
        DateTimeOffset? earliest = null;
        var index = 0;
        foreach (var info in list.EnumerateArray().Take(JsonFields.MaxListItems))
        {
            var field = $"finding_info_list[{index}]";
            if (info.ValueKind != JsonValueKind.Object)
            {
                draft.Error(field, "must be an object");
            }
            else
            {
                var uid = info.Text("uid") is { } raw ? JsonFields.Clean(raw, JsonFields.MaxIdLength) : "";
                if (uid.Length == 0)
                {
                    draft.Error($"{field}.uid", "required: a non-empty string id");
                    uid = null;
                }

                id ??= uid;
                firstTitle ??= info.Text("title");
                if (info.At("created_time") is { } createdElement
                    && JsonFields.TryTime(JsonFields.Scalar(createdElement), out var created)
                    && (earliest is null || created < earliest))
                {
                    earliest = created;
                }

                draft.Evidence("finding.uid", uid);
                ReadFindingInfo(info, draft);
            }

            index++;
        }

        if (draft.OptionalTime(item, "start_time") is { } start)
        {
            draft.Evidence("first_seen_time", start.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        var title = draft.OptionalText(item, "message", JsonFields.MaxTitleLength) ?? firstTitle;
        return (id, title ?? Fallback(item, id), earliest);
    }

    private static void ReadFindingInfo(JsonElement info, DetectionDraft draft)
    {
        draft.Categories(info.Strings("types"));
        foreach (var attack in info.Objects("attacks"))
        {
            ReadAttack(attack, draft);
        }

        draft.Evidence("analytic.name", info.Text("analytic.name"));
        draft.Evidence("analytic.uid", info.Text("analytic.uid"));
    }

    // OCSF 1.0-1.2 carry attacks at the top level; 1.3+ inside finding_info. Both are read.
    private static void ReadAttacks(JsonElement item, DetectionDraft draft)
    {
        foreach (var attack in item.Objects("attacks"))
        {
            ReadAttack(attack, draft);
        }
    }

    private static void ReadAttack(JsonElement attack, DetectionDraft draft)
    {
        draft.Category(attack.Text("tactic.name"));
        draft.Category(attack.Text("tactic.uid"));
        foreach (var tactic in attack.Objects("tactics"))
        {
            draft.Category(tactic.Text("name"));
            draft.Category(tactic.Text("uid"));
        }

        draft.Category(attack.Text("technique.name"));
        draft.Category(attack.Text("technique.uid"));
        draft.Category(attack.Text("sub_technique.uid"));
    }

    /// <summary>Endpoints, devices, URLs, files and users of one Evidence Artifacts object (or of the finding itself).</summary>
    private static void ReadArtifacts(JsonElement evidence, DetectionDraft draft)
    {
        foreach (var endpoint in new[] { "src_endpoint", "dst_endpoint", "device" })
        {
            if (evidence.At(endpoint) is not { ValueKind: JsonValueKind.Object } e)
            {
                continue;
            }

            var ip = e.Text("ip");
            var hostname = e.Text("hostname");
            draft.Asset(ip);
            draft.Asset(hostname);
            draft.Asset(e.Text("name"));
            draft.Asset(e.Text("instance_uid"));
            if (hostname is not null && e.Text("domain") is { } domain && !hostname.Contains('.', StringComparison.Ordinal))
            {
                draft.Asset($"{hostname}.{domain}");
            }

            // Direction matters to a reader (which side was ours), so it is kept as evidence too.
            draft.Evidence($"{endpoint}.ip", ip);
            draft.Evidence($"{endpoint}.hostname", hostname);
        }

        draft.Url("url", evidence.Text("url.url_string"));
        draft.Asset(evidence.Text("url.hostname"));
        draft.Evidence("file.path", evidence.Text("file.path"));
        draft.Evidence("file.name", evidence.Text("file.name"));
        draft.Evidence("process.file.path", evidence.Text("process.file.path"));
        draft.Evidence("user.name", evidence.Text("user.name"));
        draft.Evidence("user.name", evidence.Text("actor.user.name"));
        draft.Evidence("user.email_addr", evidence.Text("user.email_addr"));
    }

    /// <summary>Data Security Finding fields: what kind of data, in which state, and how much of it.</summary>
    private static void ReadDataSecurity(JsonElement item, DetectionDraft draft)
    {
        if (item.At("data_security") is not { ValueKind: JsonValueKind.Object } data)
        {
            return;
        }

        draft.DataCategory(data.Text("category") ?? DataCategoryName(data.At("category_id")));
        foreach (var detail in data.Objects("discovery_details"))
        {
            draft.DataCategory(detail.Text("type"));
        }

        draft.Evidence("data_security.data_lifecycle_state", data.Text("data_lifecycle_state") ?? LifecycleName(data.At("data_lifecycle_state_id")));
        draft.Evidence("data_security.detection_system", data.Text("detection_system"));
        draft.Evidence("data_security.detection_pattern", data.Text("detection_pattern"));
        draft.Evidence("data_security.confidentiality", data.Text("confidentiality"));
        draft.Evidence("data_security.policy.name", data.Text("policy.name"));

        // total counts the entities the classifier found; failing that, the sum of the per-type counts.
        if (data.At("total") is { ValueKind: JsonValueKind.Number } total && total.TryGetInt64(out var count) && count >= 0)
        {
            draft.ApproxRecords = count;
        }
        else
        {
            long sum = 0;
            var any = false;
            foreach (var detail in data.Objects("discovery_details"))
            {
                if (detail.At("count") is { ValueKind: JsonValueKind.Number } c && c.TryGetInt64(out var n) && n >= 0)
                {
                    sum = n > long.MaxValue - sum ? long.MaxValue : sum + n;
                    any = true;
                }
            }

            draft.ApproxRecords = any ? sum : null;
        }
    }

    private static DetectionSeverity ReadSeverity(JsonElement item, DetectionDraft draft)
    {
        if (draft.OptionalInteger(item, "severity_id") is not { } id)
        {
            return JsonFields.Severity(item.Text("severity"));
        }

        switch (id)
        {
            case >= 0 and <= 6:
                return JsonFields.Severity(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            case 99:
                return JsonFields.Severity(item.Text("severity"));
            default:
                draft.Error("severity_id", "must be 0-6 or 99");
                return DetectionSeverity.Unknown;
        }
    }

    private static string? StatusName(long? id) => id switch
    {
        1 => "New",
        2 => "In Progress",
        3 => "Suppressed",
        4 => "Resolved",
        5 => "Archived",
        6 => "Deleted",
        99 => "Other",
        _ => null,
    };

    private static string? DataCategoryName(JsonElement? id) => id is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var value)
        ? value switch
        {
            1 => "Personal",
            2 => "Governmental",
            3 => "Financial",
            4 => "Business",
            5 => "Military and Law Enforcement",
            6 => "Security",
            _ => null,
        }
        : null;

    private static string? LifecycleName(JsonElement? id) => id is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var value)
        ? value switch
        {
            1 => "Data at-Rest",
            2 => "Data in-Transit",
            3 => "Data in-Use",
            _ => null,
        }
        : null;

    private static string? Fallback(JsonElement item, string? id) =>
        item.Text("message") ?? (id is null ? null : $"{item.Text("class_name") ?? "OCSF finding"} {id}");
}
