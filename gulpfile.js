const { src, dest } = require('gulp');

// Icons (svg/png) and codex files (*.node.json) sit beside the TypeScript sources; tsc does not copy them.
function copyAssets() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:assets'] = copyAssets;
exports.default = copyAssets;
