// The jsii runtime is one Node process per test process; synthesizing from several threads at once buys nothing
// and risks interleaving, so the CDK tests run one at a time (stacks are shared through fixtures instead).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
