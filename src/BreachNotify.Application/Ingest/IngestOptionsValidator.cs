using Microsoft.Extensions.Options;

namespace BreachNotify.Application.Ingest;

/// <summary>Generated from the annotations on <see cref="IngestOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class IngestOptionsValidator : IValidateOptions<IngestOptions>;
