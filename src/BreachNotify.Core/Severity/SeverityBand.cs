namespace BreachNotify.Severity;

/// <summary>ENISA's bands of the severity score: low &lt; 2, medium &lt; 3, high &lt; 4, very high from 4.</summary>
public enum SeverityBand
{
    Low,
    Medium,
    High,
    VeryHigh,
}
