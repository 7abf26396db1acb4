/**
 * The shared jest transform for the Node packages: SWC with legacy decorators and decorator
 * metadata, which type-graphql and MikroORM read at run time.
 */
module.exports = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};
