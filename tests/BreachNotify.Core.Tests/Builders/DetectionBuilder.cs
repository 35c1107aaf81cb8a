using BreachNotify.Detections;

namespace BreachNotify.Tests.Builders;

/// <summary>A normalized detection with just the parts a test cares about.</summary>
internal sealed class DetectionBuilder
{
    private NormalizedDetection _detection = new()
    {
        Source = "siem-test",
        Format = "generic",
        SourceId = "det-1",
        Title = "Test detection",
        Severity = DetectionSeverity.High,
    };

    public DetectionBuilder WithSourceId(string sourceId) => Change(d => d with { SourceId = sourceId });

    public DetectionBuilder WithTitle(string title) => Change(d => d with { Title = title });

    public DetectionBuilder WithCategories(params string[] categories) => Change(d => d with { Categories = categories });

    public DetectionBuilder WithAssets(params string[] assetRefs) => Change(d => d with { AssetRefs = assetRefs });

    public DetectionBuilder WithEvidence(string name, string value) =>
        Change(d => d with { Evidence = [.. d.Evidence, new EvidenceItem(name, value)] });

    public DetectionBuilder ReportedBy(string subprocessorId) => Change(d => d with { ReportedBySubprocessor = subprocessorId });

    public DetectionBuilder WithApproxRecords(long records) => Change(d => d with { ApproxRecords = records });

    public NormalizedDetection Build() => _detection;

    private DetectionBuilder Change(Func<NormalizedDetection, NormalizedDetection> change)
    {
        _detection = change(_detection);
        return this;
    }
}
