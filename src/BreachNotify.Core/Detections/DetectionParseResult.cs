namespace BreachNotify.Detections;

/// <summary>What parsing a body gives: the detections in it, or every field that is wrong. Never both.</summary>
public sealed record DetectionParseResult
{
    private DetectionParseResult(IReadOnlyList<NormalizedDetection> detections, IReadOnlyList<FieldError> errors)
    {
        Detections = detections;
        Errors = errors;
    }

    public IReadOnlyList<NormalizedDetection> Detections { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    public static DetectionParseResult Success(IReadOnlyList<NormalizedDetection> detections) => new(detections, []);

    public static DetectionParseResult Invalid(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("An invalid result needs at least one error.", nameof(errors)) : new([], errors);

    public static DetectionParseResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);
}
