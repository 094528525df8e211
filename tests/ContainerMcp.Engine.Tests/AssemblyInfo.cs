// Every test shares one Docker daemon and two cores; running collections side by side made the
// timing-bound assertions (a dead server fails calls within 1 s) measure the machine's load, not the engine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
