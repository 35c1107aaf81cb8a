namespace BreachNotify.Application.Incidents;

public sealed record ClassificationView(
    bool IsPersonalDataBreach,
    string Verdict,
    IReadOnlyList<string> BreachTypes,
    string Confidence,
    IReadOnlyList<string> Rationale,
    IReadOnlyList<string> Assets,
    IReadOnlyList<string> DataCategories,
    long? ApproxRecords);
