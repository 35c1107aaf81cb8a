using System.Text.Json;

namespace BreachNotify.Detections;

/// <summary>
/// A detection is stored in a row of its own (its history event), and a Table Storage row holds at most 1 MiB of
/// UTF-16: a detection whose stored JSON would be longer than <see cref="MaxJsonChars"/> is refused, naming it, before
/// anything of its request is stored.
/// </summary>
public static class DetectionStorageLimit
{
    public const int MaxJsonChars = 200_000;

    public static IReadOnlyList<FieldError> Check(IReadOnlyList<NormalizedDetection> detections)
    {
        var errors = new List<FieldError>();
        for (var i = 0; i < detections.Count; i++)
        {
            var length = JsonSerializer.Serialize(detections[i], DomainJson.Options).Length;
            if (length > MaxJsonChars)
            {
                errors.Add(new FieldError(detections.Count == 1 ? "$" : $"$[{i}]",
                    $"the detection is too large to store: {length} characters of normalized JSON, at most {MaxJsonChars} (shorten its evidence or description)"));
            }
        }

        return errors;
    }
}
