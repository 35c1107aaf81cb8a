using System.Globalization;
using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.OtherNotices;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>Turns the body of <c>POST /api/matters</c> into an <see cref="OtherMatter"/>, or the first field that is wrong.</summary>
internal static class MatterRequestReader
{
    public const int MaxListItems = MatterDecider.MaxCustomers;

    public static (OtherMatter? Matter, FieldError? Error) Read(JsonElement body)
    {
        if (!ChangeRequestReader.TryEnum<OtherNoticeKind>(body, "kind", out var kind))
        {
            return (null, new("kind", "one of law-enforcement-request, supervisory-inquiry, data-subject-request, cannot-comply, instruction-infringes, required-processing, contact-drill"));
        }

        if (!JsonFields.TryStrings(body, "customers", MaxListItems, out var customers))
        {
            return (null, new("customers", $"a list of customer ids is expected (at most {MaxListItems})"));
        }

        var strings = new Dictionary<string, string?>();
        foreach (var name in new[] { "subjectIdentifier", "summary", "authority", "disclosure", "clause" })
        {
            if (!JsonFields.TryString(body, name, out var value))
            {
                return (null, new(name, "a string is expected"));
            }

            strings[name] = value is null ? null : ReadableText.Clean(value, keepLines: true).Trim();
        }

        if (!TryTime(body, "receivedAt", out var receivedAt) || receivedAt is null)
        {
            return (null, new("receivedAt", "required: an ISO 8601 date and time with its offset, e.g. 2026-12-01T09:30:00Z"));
        }

        if (!TryTime(body, "respondBy", out var respondBy))
        {
            return (null, new("respondBy", "an ISO 8601 date and time with its offset"));
        }

        if (!TryTime(body, "subjectRequestedAt", out var subjectRequestedAt))
        {
            return (null, new("subjectRequestedAt", "an ISO 8601 date and time with its offset"));
        }

        LegalProhibition? prohibition = null;
        if (body.TryGetProperty("legalProhibition", out var p) && p.ValueKind != JsonValueKind.Null)
        {
            if (p.ValueKind != JsonValueKind.Object)
            {
                return (null, new("legalProhibition", "an object { basis, until, reviewAt } is expected"));
            }

            if (!JsonFields.TryString(p, "basis", out var basis))
            {
                return (null, new("legalProhibition.basis", "a string is expected"));
            }

            if (!TryTime(p, "until", out var until))
            {
                return (null, new("legalProhibition.until", "an ISO 8601 date and time with its offset, or null when the end is not known"));
            }

            if (!TryTime(p, "reviewAt", out var reviewAt))
            {
                return (null, new("legalProhibition.reviewAt", "an ISO 8601 date and time with its offset"));
            }

            prohibition = new LegalProhibition(basis is null ? "" : ReadableText.Clean(basis, keepLines: true).Trim(), until, reviewAt);
        }

        return (new OtherMatter
        {
            Kind = kind,
            Customers = customers,
            SubjectIdentifier = strings["subjectIdentifier"],
            ReceivedAt = receivedAt.Value,
            Summary = strings["summary"] ?? "",
            Authority = strings["authority"],
            Disclosure = strings["disclosure"],
            Clause = strings["clause"],
            RespondBy = respondBy,
            SubjectRequestedAt = subjectRequestedAt,
            Prohibition = prohibition,
        }, null);
    }

    /// <summary>An absent or null time is null; a present one must be ISO 8601 with a time (and is kept in UTC).</summary>
    public static bool TryTime(JsonElement body, string name, out DateTimeOffset? value)
    {
        value = null;
        if (!JsonFields.TryString(body, name, out var text))
        {
            return false;
        }

        return TryTimeText(text, out value);
    }

    /// <summary>Null is null; text must be ISO 8601 with a time (kept in UTC).</summary>
    private static bool TryTimeText(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (!text.Contains('T', StringComparison.Ordinal) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return false;
        }

        value = at.ToUniversalTime();
        return true;
    }
}
