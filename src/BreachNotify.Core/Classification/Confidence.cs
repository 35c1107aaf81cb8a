namespace BreachNotify.Classification;

public enum Confidence
{
    Low,
    Medium,
    High,
}
