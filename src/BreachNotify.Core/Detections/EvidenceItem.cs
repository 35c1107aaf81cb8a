namespace BreachNotify.Detections;

/// <summary>A named fact from a detection, for example <c>file.path = /exports/fabrikam/x.csv</c>.</summary>
public sealed record EvidenceItem(string Name, string Value);
