namespace BreachNotify.Detections;

/// <summary>The names of the wire formats, as used in <c>&amp;format=</c> and stored with each detection.</summary>
public static class DetectionFormats
{
    public const string Generic = "generic";
    public const string Ocsf = "ocsf";
    public const string Sentinel = "sentinel";
    public const string Splunk = "splunk";
    public const string Elastic = "elastic";
    public const string QRadar = "qradar";
    public const string PagerDuty = "pagerduty";

    /// <summary>ArcSight Common Event Format: text lines, one event each, posted as <c>text/plain</c> (not JSON).</summary>
    public const string Cef = "cef";
}
