using Microsoft.Extensions.Options;

namespace BreachNotify.Application.Acknowledgements;

/// <summary>Generated from the annotations on <see cref="AcknowledgementOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AcknowledgementOptionsValidator : IValidateOptions<AcknowledgementOptions>;
