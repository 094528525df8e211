namespace ContainerMcp.Engine.Docker;

/// <summary>
/// A name that is not an image reference Docker accepts, found before the daemon is asked. One that reads as an npm
/// package says that an image is built from a package; the front end names its own way to build one.
/// </summary>
public sealed class InvalidImageReferenceException(string reference, string problem)
    : EngineException($"'{reference}' is not a valid image reference: {problem}. A reference reads {ImageReference.Form}." +
                      (ImageReference.LooksLikePackage(reference)
                          ? " It looks like an npm package: an image is built from a package (a node runtime with it installed), and that image is run."
                          : ""))
{
    public string Reference { get; } = reference;

    /// <summary>What is wrong, in Docker's terms.</summary>
    public string Problem { get; } = problem;

    /// <summary>True when the reference reads as an npm package rather than an image.</summary>
    public bool LooksLikePackage => ImageReference.LooksLikePackage(Reference);

    public override EngineErrorKind Kind => EngineErrorKind.InvalidArgument;
    public override NextStep NextStep => LooksLikePackage ? NextStep.BuildFromPackage : NextStep.None;
}
