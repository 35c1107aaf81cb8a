using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.Functions.Hosting;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>
/// The one reading of a commander's decision on a sub-processor change and of an objection's outcome: the API's bodies and the
/// console's forms (posted as those bodies, <see cref="CommanderConsole.CommandForm"/>) both become the command here, or the field
/// that is wrong, with the same message.
/// </summary>
internal static class ChangeCommandReader
{
    /// <summary><c>{ decision: approve | reject | withdraw, comment? }</c>.</summary>
    public static (DecideChange? Command, IReadOnlyList<FieldError> Errors) ReadDecision(JsonElement body, string commanderId)
    {
        if (!ChangeRequestReader.TryEnum<ChangeDecisionKind>(body, "decision", out var decision))
        {
            return (null, [new("decision", "one of approve, reject, withdraw")]);
        }

        if (!JsonFields.TryString(body, "comment", out var comment))
        {
            return (null, [new("comment", "a string is expected")]);
        }

        return (new DecideChange(decision, commanderId, comment), []);
    }

    /// <summary><c>{ outcome: cancelled | corrective-steps | ..., comment? }</c> for the objection of <paramref name="customerId"/>.</summary>
    public static (RecordObjectionOutcome? Command, IReadOnlyList<FieldError> Errors) ReadOutcome(JsonElement body, string customerId, string commanderId)
    {
        if (!ChangeRequestReader.TryEnum<ObjectionOutcome>(body, "outcome", out var outcome))
        {
            return (null, [new("outcome", "one of cancelled, corrective-steps, feature-ceased, customer-stops, terminated, resolved")]);
        }

        if (!JsonFields.TryString(body, "comment", out var comment))
        {
            return (null, [new("comment", "a string is expected")]);
        }

        return (new RecordObjectionOutcome(customerId, outcome, commanderId, comment), []);
    }
}
