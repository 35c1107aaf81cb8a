using BreachNotify.Notices;

namespace BreachNotify.Incidents;

/// <summary>What the closing notice tells every notified party: the root cause, the measures taken, whether the data was recovered.</summary>
public sealed record FinalReport(string RootCause, string MeasuresTaken, bool? DataRecovered)
{
    /// <summary>Why the report cannot be used, or null: both texts are required and bounded like a notice's edited fields.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(RootCause) ? "finalReport.rootCause is required"
        : string.IsNullOrWhiteSpace(MeasuresTaken) ? "finalReport.measuresTaken is required"
        : RootCause.Length > NoticeEdits.MaxFieldLength ? $"finalReport.rootCause has more than {NoticeEdits.MaxFieldLength} characters"
        : MeasuresTaken.Length > NoticeEdits.MaxFieldLength ? $"finalReport.measuresTaken has more than {NoticeEdits.MaxFieldLength} characters"
        : null;
}
