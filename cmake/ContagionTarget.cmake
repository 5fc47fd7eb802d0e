# Shared settings for every contagion target: warnings, sanitizers.

set(CONTAGION_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
if(CONTAGION_WERROR)
  list(APPEND CONTAGION_WARNINGS -Werror)
endif()

set(CONTAGION_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)

# contagion_setup_target(<target>): warnings and sanitizer flags for one of our targets.
function(contagion_setup_target target)
  target_compile_options(${target} PRIVATE ${CONTAGION_WARNINGS})
  if(CONTAGION_SANITIZE)
    # GCC 12's flow analysis under ASan reports false "maybe-uninitialized" in libstdc++
    # headers (std::regex via Catch2); the warning stays on in the normal build.
    target_compile_options(${target} PRIVATE ${CONTAGION_SANITIZER_FLAGS} -Wno-maybe-uninitialized)
    target_link_options(${target} PUBLIC ${CONTAGION_SANITIZER_FLAGS})
  endif()
endfunction()

# contagion_add_module(<name> SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...]):
# one library per module folder, alias contagion::<name>, headers in <folder>/include.
function(contagion_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(contagion_${name} ${ARG_SOURCES})
  add_library(contagion::${name} ALIAS contagion_${name})
  set_target_properties(contagion_${name} PROPERTIES EXPORT_NAME ${name} OUTPUT_NAME contagion_${name}
                        POSITION_INDEPENDENT_CODE ON)
  target_include_directories(contagion_${name} PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_compile_features(contagion_${name} PUBLIC cxx_std_20)
  target_link_libraries(contagion_${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  contagion_setup_target(contagion_${name})
  install(TARGETS contagion_${name} EXPORT contagionTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endfunction()
