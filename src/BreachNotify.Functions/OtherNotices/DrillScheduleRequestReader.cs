using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.OtherNotices;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>
/// Reads a drill schedule's body (<c>{ everyMonths, startAt, customers?, summary, autoApprove? }</c>) for the API's create and
/// edit and the console's forms. The drill it will record is checked now as the sweep will record it (the decider's own
/// validation), so a bad schedule is refused naming its field and nothing is stored.
/// </summary>
internal static class DrillScheduleRequestReader
{
    public static (DrillScheduleRequest? Request, FieldError? Error) Read(JsonElement body, MatterDecider decider, string commanderId, DateTimeOffset now)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, new("body", "a JSON object is expected"));
        }

        if (!body.TryGetProperty("everyMonths", out var every) || every.ValueKind != JsonValueKind.Number || !every.TryGetInt32(out var months)
            || months is < 1 or > DrillScheduleEndpoints.MaxEveryMonths)
        {
            return (null, new("everyMonths", $"required: a whole number of months, 1 to {DrillScheduleEndpoints.MaxEveryMonths} (3: quarterly)"));
        }

        if (!MatterRequestReader.TryTime(body, "startAt", out var startAt) || startAt is null)
        {
            return (null, new("startAt", "required: an ISO 8601 date and time with its offset, e.g. 2027-01-04T09:00:00Z"));
        }

        if (!JsonFields.TryStrings(body, "customers", MatterRequestReader.MaxListItems, out var customers))
        {
            return (null, new("customers", $"a list of customer ids is expected (at most {MatterRequestReader.MaxListItems})"));
        }

        if (!JsonFields.TryString(body, "summary", out var summary))
        {
            return (null, new("summary", "a string is expected"));
        }

        var autoApprove = false;
        if (body.TryGetProperty("autoApprove", out var auto) && auto.ValueKind != JsonValueKind.Null)
        {
            if (auto.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return (null, new("autoApprove", "true or false"));
            }

            autoApprove = auto.GetBoolean();
        }

        var text = summary is null ? "" : ReadableText.Clean(summary, keepLines: true).Trim();
        // As the sweep records it at an occurrence, which is never in the future (the decider refuses a receipt time to come).
        var drill = new OtherMatter { Kind = OtherNoticeKind.ContactDrill, Customers = customers, ReceivedAt = startAt.Value < now ? startAt.Value : now, Summary = text };
        if (decider.Decide(null, new ReceiveMatter(drill, commanderId), now).Refusal is { } refused)
        {
            return (null, new(refused.Field ?? "body", refused.Reason));
        }

        return (new DrillScheduleRequest(months, startAt.Value, customers, text, autoApprove), null);
    }
}
