using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.OtherNotices;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>
/// The one reading of a commander's decision on a matter and of a waiver effort: the API's bodies and the console's forms (posted
/// as those bodies, <see cref="CommanderConsole.CommandForm"/>) both become the command here, or the field that is wrong, with the
/// same message.
/// </summary>
internal static class MatterCommandReader
{
    /// <summary><c>{ decision: approve | reject | lift-prohibition | set-review, comment?, reviewAt? }</c>.</summary>
    public static (DecideMatter? Command, IReadOnlyList<FieldError> Errors) ReadDecision(JsonElement body, string commanderId)
    {
        if (!ChangeRequestReader.TryEnum<MatterDecisionKind>(body, "decision", out var decision))
        {
            return (null, [new("decision", "one of approve, reject, lift-prohibition, set-review")]);
        }

        if (!JsonFields.TryString(body, "comment", out var comment))
        {
            return (null, [new("comment", "a string is expected")]);
        }

        if (!MatterRequestReader.TryTime(body, "reviewAt", out var reviewAt))
        {
            return (null, [new("reviewAt", "an ISO 8601 date and time with its offset")]);
        }

        return (new DecideMatter(decision, commanderId, comment, reviewAt), []);
    }

    /// <summary><c>{ text }</c>: what was done to have the prohibition waived (its emptiness and length are the decider's to refuse).</summary>
    public static (RecordWaiverEffort? Command, IReadOnlyList<FieldError> Errors) ReadWaiverEffort(JsonElement body, string commanderId)
    {
        if (!JsonFields.TryString(body, "text", out var text))
        {
            return (null, [new("text", "a string is expected")]);
        }

        return (new RecordWaiverEffort(commanderId, text is null ? "" : ReadableText.Clean(text, keepLines: true)), []);
    }
}
