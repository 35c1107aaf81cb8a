using System.Text.Json.Serialization;
using BreachNotify.Notices;

namespace BreachNotify.Incidents;

/// <summary>A commander changed the wording of the notices before approving; the composer uses it in place of the generated text.</summary>
public sealed record NoticeTextEdited(DateTimeOffset At, string Actor, NoticeEdits Edits) : IncidentEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "noticeEdited";

    /// <summary>The edited fields' names only: the text itself is in the event, not in the timeline line.</summary>
    public override string Describe() => $"notice text edited: {string.Join(", ", Edits.FieldNames())}";
}
