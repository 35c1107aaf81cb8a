namespace BreachNotify.Detections;

/// <summary>One invalid field of a posted detection, named by its JSON path.</summary>
public sealed record FieldError(string Field, string Message);
